/* quest serve's script, in its pages only: it follows the book.  The
 * server's events (/events, Server-Sent Events) carry the new order of
 * the steps, each kept (its place in the book as it was) or new (its
 * article, quest's own HTML); the script builds elements from that HTML
 * through a <template>, puts them in place, and keeps the step in view
 * where it was on the screen.  A step added or renumbered is marked for
 * a moment.  Diagnostics show in an overlay, over the last good book.
 * EventSource reconnects by itself; a page that missed a change reloads,
 * and comes back to its place. */
(function () {
	'use strict';
	var doc = document;
	var me = doc.currentScript;
	var gen = me ? Number(me.getAttribute('data-gen')) : 0;
	var main = doc.querySelector('main');
	var overlay = null;
	var KEY = 'quest-serve-place';

	function parse(html) {
		var t = doc.createElement('template');
		t.innerHTML = html;
		return t.content.firstElementChild;
	}
	// The step (or chapter, or front page) at the top of the window, and
	// where it is on the screen.
	function anchor() {
		var bar = doc.querySelector('header.bar');
		var top = bar ? bar.getBoundingClientRect().bottom : 0;
		var els = main.querySelectorAll('article.step, section.chapter > h2, #top');
		for (var i = 0; i < els.length; i++) {
			var r = els[i].getBoundingClientRect();
			if (r.bottom > top) { return { el: els[i], y: r.top }; }
		}
		return null;
	}
	function restore(a) {
		if (a && a.el.isConnected) {
			window.scrollBy(0, a.el.getBoundingClientRect().top - a.y);
		}
	}
	function mark(el) {
		el.style.transition = 'box-shadow 0.3s';
		el.style.boxShadow = '0 0 0 3px #e0a800';
		el.setAttribute('data-live', 'new');
		setTimeout(function () {
			el.style.boxShadow = '';
			el.removeAttribute('data-live');
		}, 2000);
	}
	function showDiags(list) {
		var errs = (list || []).filter(function (d) { return d.severity === 'error'; });
		if (!errs.length) {
			if (overlay) { overlay.remove(); overlay = null; }
			return;
		}
		if (!overlay) {
			overlay = doc.createElement('div');
			overlay.id = 'quest-diagnostics';
			overlay.setAttribute('role', 'alert');
			var s = overlay.style;
			s.position = 'fixed'; s.left = '1em'; s.right = '1em'; s.bottom = '1em';
			s.maxHeight = '40vh'; s.overflow = 'auto'; s.zIndex = '100';
			s.background = '#2b0d0d'; s.color = '#ffdede'; s.padding = '0.8em 1em';
			s.font = '13px/1.5 ui-monospace, monospace'; s.borderRadius = '6px';
			s.boxShadow = '0 4px 16px rgba(0,0,0,0.4)';
			doc.body.appendChild(overlay);
		}
		overlay.textContent = '';
		var h = doc.createElement('strong');
		h.textContent = 'quest check: the tour has errors; the book is the last good one';
		overlay.appendChild(h);
		list.forEach(function (d) {
			var p = doc.createElement('div');
			p.className = 'diag ' + d.severity;
			var at = d.file ? d.file + (d.line ? ':' + d.line + (d.col ? ':' + d.col : '') : '') + ': ' : '';
			p.textContent = at + d.severity + ': ' + d.message + (d.name ? ' [' + d.name + ']' : '');
			overlay.appendChild(p);
		});
	}
	function chapterSection(c) {
		var sec = doc.getElementById(c.id);
		if (!sec || sec.tagName !== 'SECTION') {
			sec = doc.createElement('section');
			sec.className = 'chapter';
			sec.id = c.id;
			sec.appendChild(doc.createElement('h2'));
		}
		var h = sec.querySelector('h2');
		if (h && h.textContent !== c.name) { h.textContent = c.name; }
		return sec;
	}
	function apply(ev) {
		var a = anchor();
		var old = Array.prototype.slice.call(main.querySelectorAll('article.step'));
		var used = [], added = [], secs = [];
		ev.chapters.forEach(function (c) {
			var sec = chapterSection(c);
			var els = [];
			c.steps.forEach(function (s) {
				var el;
				if (s.keep !== undefined) {
					el = old[s.keep];
					used[s.keep] = true;
				} else {
					el = parse(s.html);
					if (s.was !== undefined && old[s.was]) {
						// The same element, its insides new.
						var o = old[s.was];
						used[s.was] = true;
						o.replaceChildren.apply(o, Array.prototype.slice.call(el.childNodes));
						el = o;
					} else {
						added.push(el);
					}
				}
				els.push(el);
			});
			// In order, moving only what is out of place.
			var at = sec.querySelector('h2');
			els.forEach(function (el) {
				if (at.nextElementSibling !== el) { at.after(el); }
				at = el;
			});
			while (at.nextElementSibling) { at.nextElementSibling.remove(); }
			secs.push(sec);
		});
		old.forEach(function (el, i) { if (!used[i]) { el.remove(); } });
		var front = doc.getElementById('top');
		var at = front;
		secs.forEach(function (sec) {
			if (at.nextElementSibling !== sec) { at.after(sec); }
			at = sec;
		});
		while (at.nextElementSibling) { at.nextElementSibling.remove(); }
		if (ev.front !== undefined) {
			var f = parse(ev.front);
			if (f) { front.replaceChildren.apply(front, Array.prototype.slice.call(f.childNodes)); }
		}
		var foot = doc.querySelector('body > footer');
		if (foot && ev.footer) { foot.textContent = ev.footer; }
		restore(a);
		added.forEach(mark);
		// A new step is shown, unless the reader's is still in view.
		if (added.length) {
			var r = added[0].getBoundingClientRect();
			if (r.bottom < 0 || r.top > window.innerHeight) {
				added[0].scrollIntoView({ block: 'center' });
			}
		}
		gen = ev.gen;
		doc.documentElement.setAttribute('data-gen', String(gen));
		doc.documentElement.setAttribute('data-changes', String(Number(doc.documentElement.getAttribute('data-changes') || 0) + 1));
	}
	function reload() {
		var a = anchor();
		try {
			sessionStorage.setItem(KEY, JSON.stringify({
				id: a ? a.el.id || (a.el.parentNode && a.el.parentNode.id) : '',
				y: a ? a.y : 0, x: window.scrollY
			}));
		} catch (e) { /* no storage: the top */ }
		location.reload();
	}
	(function back() {
		var s = null;
		try { s = JSON.parse(sessionStorage.getItem(KEY) || 'null'); sessionStorage.removeItem(KEY); } catch (e) { s = null; }
		if (!s) { return; }
		var el = s.id ? doc.getElementById(s.id) : null;
		if (el) { window.scrollBy(0, el.getBoundingClientRect().top - s.y); } else { window.scrollTo(0, s.x); }
	}());
	if (!window.EventSource) { return; }
	var es = new EventSource('/events');
	var root = doc.documentElement;
	es.addEventListener('error', function () { root.setAttribute('data-live', 'off'); });
	es.addEventListener('hello', function (m) {
		var d = JSON.parse(m.data);
		root.setAttribute('data-live', 'on');
		if (d.gen !== gen) { reload(); return; }
		showDiags(d.diagnostics);
	});
	es.addEventListener('change', function (m) {
		var d = JSON.parse(m.data);
		if (d.chapters) {
			if (d.from !== gen) { reload(); return; }
			apply(d);
		}
		showDiags(d.diagnostics);
	});
	es.addEventListener('problems', function (m) {
		showDiags(JSON.parse(m.data).diagnostics);
	});
}());
