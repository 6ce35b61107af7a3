/* quest serve's script, in its pages only: it follows the book.  The
 * server's events (/events, Server-Sent Events) carry the new order of
 * the steps, each kept (its place in the book as it was) or new (its
 * article, quest's own HTML); the script builds elements from that HTML
 * through a <template>, puts them in place, and keeps the step in view
 * where it was on the screen.  A step added or renumbered is marked for
 * a moment.  Diagnostics show in an overlay, over the last good book.
 * EventSource reconnects by itself; a page that missed a change reloads,
 * and comes back to its place.  A page of a book of many is told of the
 * pages whose bytes changed; it patches itself from its own part (its
 * steps kept by id), fetches itself for its contents, and, when it is no
 * more, goes to the index page, which sends the reader on to the step.
 * Patched, the page tells the book's script (quest:changed). */
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
		var used = [], added = [], secs = [], ids = {};
		// A book of many pages names the steps it keeps by id.
		old.forEach(function (el, i) { ids[el.id] = i; });
		function own(s, k) { return ev.byId ? ids[s.id] : k; }
		ev.chapters.forEach(function (c) {
			var sec = chapterSection(c);
			var els = [];
			c.steps.forEach(function (s) {
				var el;
				var k;
				if (s.keep !== undefined) {
					k = own(s, s.keep);
					el = old[k];
					used[k] = true;
				} else {
					el = parse(s.html);
					k = s.was !== undefined ? own(s, s.was) : undefined;
					if (k !== undefined && old[k]) {
						// The same element, its insides new.
						var o = old[k];
						used[k] = true;
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
			els = els.filter(function (el) { return !!el; });
			els.forEach(function (el) {
				if (at.nextElementSibling !== el) { at.after(el); }
				at = el;
			});
			while (at.nextElementSibling) { at.nextElementSibling.remove(); }
			secs.push(sec);
		});
		old.forEach(function (el, i) { if (!used[i]) { el.remove(); } });
		// The sections follow the front page, or a page's contents.
		var front = doc.getElementById('top');
		var at = front || doc.getElementById('toc');
		secs.forEach(function (sec) {
			if (at.nextElementSibling !== sec) { at.after(sec); }
			at = sec;
		});
		while (at.nextElementSibling) { at.nextElementSibling.remove(); }
		if (ev.front !== undefined && front) {
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
		changed();
	}
	function changed() {
		doc.documentElement.setAttribute('data-gen', String(gen));
		doc.documentElement.setAttribute('data-changes', String(Number(doc.documentElement.getAttribute('data-changes') || 0) + 1));
		var e;
		try { e = new CustomEvent('quest:changed'); } catch (x) { e = null; }
		if (e) { doc.dispatchEvent(e); }
	}
	// This page of a book of many: its name, its part of a change.
	var name = location.pathname.replace(/^.*\//, '') || 'index.html';
	// The page as served now, for what the change does not carry: the
	// contents, and on the index page the front page.
	function refetch(then) {
		fetch(location.pathname, { cache: 'no-store' }).then(function (r) {
			return r.ok ? r.text() : null;
		}).then(function (t) {
			if (t === null) { return; }
			var d = new DOMParser().parseFromString(t, 'text/html');
			['toc', 'top'].forEach(function (id) {
				var now = doc.getElementById(id), then = d.getElementById(id);
				if (now && then && now.innerHTML !== then.innerHTML) {
					now.replaceChildren.apply(now, Array.prototype.slice.call(doc.importNode(then, true).childNodes));
				}
			});
			var m = d.querySelector('main');
			['data-first', 'data-total'].forEach(function (k) {
				if (m && m.hasAttribute(k)) { main.setAttribute(k, m.getAttribute(k)); }
			});
			then();
		}).catch(function () { /* the next change, or a reload */ });
	}
	function applySplit(ev) {
		var a, id, pg = null;
		if (ev.names.indexOf(name) < 0) {
			// This page is no more: its step, wherever it went.
			a = anchor();
			id = a && a.el.tagName === 'ARTICLE' ? a.el.id : '';
			location.replace('index.html' + (id ? '#' + encodeURIComponent(id) : ''));
			return;
		}
		ev.pages.forEach(function (p) { if (p.name === name) { pg = p; } });
		gen = ev.gen;
		if (!pg) { doc.documentElement.setAttribute('data-gen', String(gen)); return; }
		if (pg.chapters) {
			if (main.querySelector('section.chapter') && !doc.getElementById(pg.chapters[0].id)) { reload(); return; }
			apply({ chapters: pg.chapters, footer: ev.footer, gen: ev.gen, byId: true });
			main.setAttribute('data-first', String(pg.first));
			main.setAttribute('data-total', String(ev.total));
		} else {
			var foot = doc.querySelector('body > footer');
			if (foot && ev.footer) { foot.textContent = ev.footer; }
		}
		refetch(changed);
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
		if (d.chapters || d.split) {
			if (d.from !== gen) { reload(); return; }
			if (d.split) { applySplit(d); } else { apply(d); }
		}
		showDiags(d.diagnostics);
	});
	es.addEventListener('problems', function (m) {
		showDiags(JSON.parse(m.data).diagnostics);
	});
}());
