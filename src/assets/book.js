/* The web book's one script: where the reader is, keys, the pager and
 * search.  It builds every element with textContent, never from markup.
 *
 * The reader is at a place: the front page, a chapter's heading or a
 * step.  An IntersectionObserver says which places cross a band at the
 * top of the window, and the first of them is the one in view, so that
 * scrolling costs the script nothing but the observer's few calls, however
 * long the tour.  After a jump (a link, a key, the address) the place
 * jumped to is the one in view until the reader scrolls, or it leaves the
 * screen.  The last steps of a page may never reach the band: near its
 * end the line a step must pass goes down to the window's foot, so that
 * each has its turn, the last at the end. */
(function () {
	'use strict';
	var doc = document;
	var steps = [];
	var prev = doc.getElementById('prev');
	var next = doc.getElementById('next');
	var search = doc.getElementById('search');
	var results = doc.getElementById('results');
	var where = doc.getElementById('where');
	var toc = doc.getElementById('toc');
	var bar = doc.querySelector('header.bar');
	var texts = null, keys = null;
	var places = [], byId = {}, chapters = [], links = [];
	var at = 0, shown = null, pinned = -1, band = [], atEnd = false;
	// A book of many pages (quest html -o DIR/): its <main> says where
	// this page's steps stand in the tour (data-first, of data-total)
	// and which chapter of the contents it holds (data-chapter; none on
	// the index page).  Past its edges, the links lead to other pages.
	var main = doc.querySelector('main');
	var book = null;
	var index = null, loading = false;
	var io = null, near = null;

	// The places in page order; each knows its chapter and the steps
	// around it.
	function place(el, ch, step) {
		byId[el.id] = places.length;
		places.push({ el: el, ch: ch, step: step });
	}
	// What the page holds: read as it loads, and again when quest
	// serve's script has patched it (the event quest:changed).
	function survey() {
		book = main && main.hasAttribute('data-total') ? {
			first: +(main.getAttribute('data-first') || 0),
			total: +main.getAttribute('data-total'),
			ch: main.hasAttribute('data-chapter') ? +main.getAttribute('data-chapter') : -1
		} : null;
		steps = Array.prototype.slice.call(doc.querySelectorAll('article.step'));
		places = []; byId = {}; chapters = []; links = []; band = [];
		var front = doc.getElementById('top');
		var secs = doc.querySelectorAll('section.chapter');
		var i, k, n = 0;
		if (front) { place(front, -1, -1); }
		for (i = 0; i < secs.length; i++) {
			var h = secs[i].querySelector('h2');
			var own = secs[i].querySelectorAll('article.step');
			chapters.push({ el: secs[i], name: h ? h.textContent : secs[i].id, first: n, n: own.length });
			place(secs[i], i, -1);
			places[places.length - 1].watch = h || secs[i];
			for (k = 0; k < own.length; k++, n++) { place(own[k], i, n); }
		}
		var a = toc ? toc.querySelectorAll('a.toc-step') : [];
		for (i = 0; i < a.length; i++) { links.push(a[i]); }
		// The contents list the chapters in the same order.
		var li = toc ? toc.querySelectorAll(':scope > ol > li') : [];
		var from = book ? book.ch : 0;
		for (i = 0; from + i < li.length && i < chapters.length; i++) { chapters[i].li = li[from + i]; }
	}
	survey();
	// The step a key goes to from place p: j the one after it, k the
	// one before (from a chapter's heading, its first step is after it).
	function after(p) {
		var q = places[p];
		if (!q) { return -1; }
		if (q.step >= 0) { return q.step + 1 < steps.length ? q.step + 1 : -1; }
		if (q.ch >= 0) { return chapters[q.ch].first < steps.length ? chapters[q.ch].first : -1; }
		return steps.length ? 0 : -1;
	}
	function before(p) {
		var q = places[p];
		if (!q) { return -1; }
		if (q.step >= 0) { return q.step - 1; }
		if (q.ch >= 0) { return chapters[q.ch].first - 1; }
		return -2;
	}
	function titleOf(s) {
		var t = s.querySelector('h3 .title') || s.querySelector('h3');
		return t ? t.textContent : '';
	}
	function point(a, el, what) {
		if (el) {
			a.setAttribute('href', '#' + el.id);
			a.removeAttribute('aria-disabled');
			a.title = el === places[0].el ? what + ': the front page' : what + ': ' + el.id + ' ' + titleOf(el);
		} else {
			a.removeAttribute('href');
			a.setAttribute('aria-disabled', 'true');
			a.title = what;
		}
	}
	// A book's way off this page: the link to the step past its last
	// (dir 1) or before its first (-1), the front page before the
	// tour's first; from the index page, the first chapter.
	function beyond(dir) {
		var a;
		if (!book) { return null; }
		if (!steps.length) {
			a = dir > 0 && toc ? toc.querySelector('summary a') : null;
			return a ? { href: a.getAttribute('href'), title: a.textContent } : null;
		}
		a = steps[dir > 0 ? steps.length - 1 : 0].querySelector(dir > 0 ? 'nav.steps a.next-step' : 'nav.steps a.prev-step');
		if (a) { return { href: a.getAttribute('href'), title: a.textContent.replace(/^\u2190\u00a0|\u00a0\u2192$/g, '') }; }
		return dir < 0 ? { href: 'index.html#top', title: 'the front page' } : null;
	}
	// The link of chapter c of the contents, or null.
	function chapterLink(c) {
		var li = toc ? toc.querySelectorAll(':scope > ol > li') : [];
		var a = c >= 0 && li[c] ? li[c].querySelector('summary a') : null;
		return a ? a.getAttribute('href') : null;
	}
	function leave(href) { if (href) { location.href = href; } }
	function pointAway(a, to, what) {
		if (!to) { point(a, null, what); return; }
		a.setAttribute('href', to.href);
		a.removeAttribute('aria-disabled');
		a.title = what + ': ' + to.title;
	}
	function mark(i, on) {
		if (i < 0 || !steps[i]) { return; }
		steps[i].classList.toggle('current', on);
		if (links[i]) {
			if (on) { links[i].setAttribute('aria-current', 'true'); } else { links[i].removeAttribute('aria-current'); }
		}
	}
	// Where the sidebar must scroll to show its entry a, or -1: read
	// before anything changes, so that it costs no layout of its own.
	var sidebar = window.matchMedia ? window.matchMedia('(min-width: 62.5rem)') : null;
	function reveal(a) {
		if (!a || !toc || !sidebar || !sidebar.matches) { return -1; }
		var top = 0, h = toc.clientHeight, y = toc.scrollTop, e;
		for (e = a; e && e !== toc; e = e.offsetParent) { top += e.offsetTop; }
		if (top < y + 8 || top + a.offsetHeight > y + h - 8) { return Math.max(0, top - h / 3); }
		return -1;
	}
	function show() {
		var q = places[at], i = q ? q.step : -1, old = shown ? shown.step : -1, y;
		if (shown === q) { return; }
		y = reveal(i >= 0 ? links[i] : q && q.ch >= 0 && chapters[q.ch].li ? chapters[q.ch].li.querySelector('summary') : null);
		mark(old, false);
		mark(i, true);
		if (shown && shown.ch >= 0 && (!q || q.ch !== shown.ch)) { chapterMark(shown.ch, false); }
		if (q && q.ch >= 0) { chapterMark(q.ch, true); }
		shown = q;
		if (y >= 0) { toc.scrollTop = y; }
		while (where && where.firstChild) { where.removeChild(where.firstChild); }
		if (where && q && q.ch >= 0) {
			var c = chapters[q.ch];
			where.appendChild(doc.createTextNode(c.name));
			if (i >= 0) {
				var num = doc.createElement('span');
				num.className = 'num';
				num.textContent = steps[i].id;
				where.appendChild(doc.createTextNode(' \u00b7 '));
				where.appendChild(num);
				where.appendChild(doc.createTextNode(' \u00b7 ' + ((book ? book.first : 0) + i + 1) + ' of ' + (book ? book.total : steps.length)));
			}
		}
		var b = before(at), n = after(at);
		if (book && b === -1) { pointAway(prev, beyond(-1), 'Previous step (k)'); } else { point(prev, b >= 0 ? steps[b] : (b === -1 && places[0] ? places[0].el : null), 'Previous step (k)'); }
		if (book && n < 0) { pointAway(next, beyond(1), 'Next step (j)'); } else { point(next, n >= 0 ? steps[n] : null, 'Next step (j)'); }
	}
	function chapterMark(c, on) {
		if (chapters[c].li) { chapters[c].li.classList.toggle('here', on); }
	}
	// The place of the address, or -1.
	function hashed() {
		var id;
		try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ''; }
		return Object.prototype.hasOwnProperty.call(byId, id) ? byId[id] : -1;
	}
	// The place at the top of the window, found by halves: a few
	// elements measured, once, when a jump's pin lets go.
	function placeAt() {
		var top = bar ? bar.getBoundingClientRect().bottom + 1 : 1, lo = 0, hi = places.length - 1, mid;
		while (lo < hi) {
			mid = (lo + hi) >> 1;
			if ((places[mid].watch || places[mid].el).getBoundingClientRect().bottom > top) { hi = mid; } else { lo = mid + 1; }
		}
		return lo;
	}
	// A pin holds while the reader does not scroll (the wheel, a touch,
	// a key that scrolls, the mouse) and its place is on screen; the
	// page's own scrolls, the jump's among them, leave it.
	function onScroll() {
		var q = places[pinned], r = q && (q.watch || q.el).getBoundingClientRect();
		if (!r || r.bottom <= (bar ? bar.offsetHeight : 0) || r.top >= window.innerHeight) { unpin(); }
	}
	function onGesture() { if (pinned >= 0) { unpin(); } }
	// Listened to while a pin holds only: a wheel listener would bring
	// every turn of the wheel to the script's thread.
	var GESTURES = ['wheel', 'touchstart', 'mousedown'];
	function pin(p) {
		if (pinned < 0) {
			window.addEventListener('scroll', onScroll, { passive: true });
			GESTURES.forEach(function (t) { window.addEventListener(t, onGesture, { passive: true }); });
		}
		pinned = p;
		at = p;
		show();
	}
	function unpin() {
		pinned = -1;
		window.removeEventListener('scroll', onScroll);
		GESTURES.forEach(function (t) { window.removeEventListener(t, onGesture, { passive: true }); });
		if (places.length) { at = endLine() >= 0 ? placeAbove(endLine()) : placeAt(); }
		show();
	}
	var SCROLLS = ['PageDown', 'PageUp', ' ', 'Home', 'End', 'ArrowDown', 'ArrowUp'];
	// A jump: the place is known at once, before the hashchange event.
	function go(el) {
		if (!el) { return; }
		if (location.hash === '#' + el.id) { el.scrollIntoView(); } else { location.hash = el.id; }
		pin(byId[el.id]);
	}
	// The band: from under the bar to two fifths of the window.
	if ('IntersectionObserver' in window) {
		var seen = function (entries) {
			entries.forEach(function (e) {
				var p = e.target.__place, k = band.indexOf(p);
				if (e.isIntersecting && k < 0) { band.push(p); } else if (!e.isIntersecting && k >= 0) { band.splice(k, 1); }
			});
			if (pinned < 0 && band.length && !atEnd) {
				at = Math.min.apply(null, band);
				show();
			}
		};
		io = new IntersectionObserver(seen, { rootMargin: '-' + (bar ? bar.offsetHeight : 0) + 'px 0px -60% 0px' });
		// The page's end.  Its last steps may never reach the band: over
		// the last three fifths of a window of scrolling (or all of it,
		// on a page of less), the line that a step's top must pass goes
		// down from the band's foot to the window's, so that each step
		// has its turn and the last is the one in view at the end.  The
		// scroll is listened to there only, from a window before it.
		var foot = doc.querySelector('body > footer'), ticking = false;
		var endScroll = function () {
			if (ticking) { return; }
			ticking = true;
			window.requestAnimationFrame(function () {
				var was = atEnd, y = endLine();
				ticking = false;
				if (pinned >= 0 || !places.length) { return; }
				if (atEnd) {
					at = placeAbove(y);
					show();
				} else if (was && band.length) {
					at = Math.min.apply(null, band);
					show();
				}
			});
		};
		if (foot) {
			new IntersectionObserver(function (entries) {
				if (entries[entries.length - 1].isIntersecting) {
					window.addEventListener('scroll', endScroll, { passive: true });
					endScroll();
				} else {
					window.removeEventListener('scroll', endScroll);
					if (atEnd) { endScroll(); }
				}
			}, { rootMargin: '0px 0px 100% 0px' }).observe(foot);
		}
	}
	// Near the page's end (atEnd), the line a step's top must pass.
	function endLine() {
		var h = window.innerHeight, max = doc.documentElement.scrollHeight - h;
		var zone = Math.min(h * 0.6, max), rem = max - window.scrollY;
		atEnd = max > 0 && rem < zone;
		return atEnd ? h * 0.4 + h * 0.6 * (1 - rem / zone) : -1;
	}
	// The last place whose top is above y, a height in the window.
	function placeAbove(y) {
		var lo = 0, hi = places.length - 1, mid;
		while (lo < hi) {
			mid = (lo + hi + 1) >> 1;
			if ((places[mid].watch || places[mid].el).getBoundingClientRect().top < y) { lo = mid; } else { hi = mid - 1; }
		}
		return lo;
	}
	function watch() {
		if (!io) { return; }
		io.disconnect();
		places.forEach(function (q, p) {
			var el = q.watch || q.el;
			el.__place = p;
			io.observe(el);
		});
	}
	watch();
	// Sticky prose, for the steps on screen whose prose is shorter than
	// their code and fits in the window with the row of previous and next
	// below it (the stylesheet has it so from 75rem).  At its article's
	// end the prose slides down, and stops the height of that row above
	// it (--foot): its last line is never under the links.
	if ('IntersectionObserver' in window) {
		near = new IntersectionObserver(function (entries) {
			// All the reads, then all the writes: one layout, not one a step.
			var room = window.innerHeight - (bar ? bar.offsetHeight : 0) - 24;
			// A step off screen is not measured: content-visibility
			// skips its layout, which a measure would force.
			entries.map(function (e) {
				var s = e.target, t, x, n, foot;
				if (!e.isIntersecting) { return -1; }
				t = s.querySelector('.text');
				x = s.querySelector('.excerpt');
				n = s.querySelector('nav.steps');
				if (!t || !x) { return -1; }
				foot = n ? Math.ceil(n.getBoundingClientRect().height) : 0;
				return t.offsetHeight + foot < room && t.offsetHeight + foot < x.offsetHeight ? foot : -1;
			}).forEach(function (foot, k) {
				var s = entries[k].target;
				if (foot >= 0) {
					s.classList.add('stick');
					s.style.setProperty('--foot', foot + 'px');
				} else if (s.classList.contains('stick')) {
					s.classList.remove('stick');
					s.style.removeProperty('--foot');
				}
			});
		});
	}
	function watchNear() {
		if (!near) { return; }
		near.disconnect();
		steps.forEach(function (s) { if (s.querySelector('.excerpt')) { near.observe(s); } });
	}
	watchNear();
	// A window of another size: the steps on screen measured again.
	var resized = 0;
	window.addEventListener('resize', function () {
		clearTimeout(resized);
		resized = setTimeout(watchNear, 150);
	});
	// quest serve patched the page: its steps and contents anew.
	doc.addEventListener('quest:changed', function () {
		var el = places[at] && places[at].el;
		if (shown) {
			mark(shown.step, false);
			if (shown.ch >= 0) { chapterMark(shown.ch, false); }
			shown = null;
		}
		survey();
		watch();
		watchNear();
		texts = null;
		if (!loading) { index = null; }
		at = el && Object.prototype.hasOwnProperty.call(byId, el.id) ? byId[el.id] : (places.length ? placeAt() : 0);
		if (pinned >= 0) { pinned = at; }
		show();
	});
	function hide() {
		results.hidden = true;
		while (results.firstChild) { results.removeChild(results.firstChild); }
	}
	// A step's own text: its title, prose and code, not its neighbours'.
	function textOf(s) {
		var t = s.querySelector('.text'), x = s.querySelector('.excerpt');
		return ((t ? t.textContent : s.textContent) + '\n' + (x ? x.textContent : '')).toLowerCase();
	}
	function find(q) {
		var hits = [];
		if (book) {
			// The whole book's, from its index: each hit on its page.
			// Those whose tag or title holds it first: a tour of a
			// thousand steps names a function in many, its own first.
			var here = decodeURIComponent(location.pathname.replace(/^.*\//, '')), rest = [];
			index.steps.forEach(function (e) {
				if (e[3].indexOf(q) >= 0) {
					(e[2].toLowerCase().indexOf(q) >= 0 || e[0].toLowerCase() === q ? hits : rest).push({ id: e[0], title: e[2], href: (e[1] === here ? '' : e[1]) + '#' + e[0] });
				}
			});
			return hits.concat(rest);
		}
		if (texts === null) { texts = steps.map(textOf); }
		texts.forEach(function (t, k) { if (t.indexOf(q) >= 0) { hits.push({ id: steps[k].id, title: titleOf(steps[k]), href: '#' + steps[k].id }); } });
		return hits;
	}
	// A book's search index, search.js, is a script of its own that
	// sets window.questIndex: loaded when the reader first goes to the
	// search field, since a page from file:// may not fetch().  Its texts
	// come lowered but for what is not ASCII.
	function withIndex(then) {
		if (!book || index) { then(); return; }
		if (loading) { return; }
		loading = true;
		var s = doc.createElement('script');
		s.src = 'search.js';
		s.onload = function () {
			var x = window.questIndex || { pages: [], steps: [] };
			x.steps.forEach(function (e) {
				e[1] = x.pages[e[1]];
				if (/[^\u0000-\u007f]/.test(e[3])) { e[3] = e[3].toLowerCase(); }
			});
			index = x;
			then();
		};
		doc.head.appendChild(s);
	}
	search.addEventListener('input', function () { withIndex(showHits); });
	search.addEventListener('focus', function () { withIndex(function () { if (search.value.trim()) { showHits(); } }); });
	function showHits() {
		var q = search.value.trim().toLowerCase();
		hide();
		if (!q) { return; }
		var hits = find(q);
		hits.slice(0, 50).forEach(function (s) {
			var a = doc.createElement('a');
			var num = doc.createElement('span');
			a.className = 'hit';
			a.href = s.href;
			num.className = 'num';
			num.textContent = s.id;
			a.appendChild(num);
			a.appendChild(doc.createTextNode(s.title));
			a.addEventListener('click', hide);
			results.appendChild(a);
		});
		if (hits.length === 0) {
			var none = doc.createElement('div');
			none.className = 'none';
			none.textContent = 'No step matches.';
			results.appendChild(none);
		}
		results.hidden = false;
	}
	search.addEventListener('keydown', function (e) {
		if (e.key === 'Enter') {
			var first = results.querySelector('.hit');
			if (first) {
				var href = first.getAttribute('href');
				hide();
				search.blur();
				if (href.charAt(0) === '#') { go(doc.getElementById(href.slice(1))); } else { leave(href); }
			}
			e.preventDefault();
		} else if (e.key === 'Escape') {
			search.value = '';
			hide();
			search.blur();
		}
	});
	// The keys, listed by ?.
	var KEYS = [['j, \u2192', 'the next step'], ['k, \u2190', 'the previous step'],
		['n', 'the next chapter'], ['p', 'the previous chapter'],
		['/', 'search'], ['?', 'these keys'], ['Esc', 'close']];
	function help() {
		if (keys) { keys.hidden = !keys.hidden; return; }
		keys = doc.createElement('div');
		keys.id = 'keys';
		keys.setAttribute('role', 'dialog');
		keys.setAttribute('aria-label', 'Keys');
		var h = doc.createElement('h2'), dl = doc.createElement('dl');
		h.textContent = 'Keys';
		KEYS.forEach(function (k) {
			var dt = doc.createElement('dt'), dd = doc.createElement('dd');
			dt.textContent = k[0];
			dd.textContent = k[1];
			dl.appendChild(dt);
			dl.appendChild(dd);
		});
		keys.appendChild(h);
		keys.appendChild(dl);
		doc.body.appendChild(keys);
	}
	doc.addEventListener('keydown', function (e) {
		if (e.target === search || e.ctrlKey || e.metaKey || e.altKey) { return; }
		var k = e.key, c = places[at] ? places[at].ch : -1, i;
		if (k === 'j' || k === 'ArrowRight') {
			i = after(at);
			if (i >= 0) { go(steps[i]); } else if (book && beyond(1)) { leave(beyond(1).href); }
		} else if (k === 'k' || k === 'ArrowLeft') {
			i = before(at);
			if (i >= 0) { go(steps[i]); } else if (i === -1 && book) { leave(beyond(-1).href); } else if (i === -1 && places[0]) { go(places[0].el); }
		} else if (k === 'n') {
			if (book) { leave(chapterLink(book.ch + 1)); } else if (c + 1 < chapters.length) { go(chapters[c + 1].el); }
		} else if (k === 'p') {
			if (book) { leave(book.ch > 0 ? chapterLink(book.ch - 1) : book.ch === 0 ? 'index.html#top' : null); } else if (c > 0) { go(chapters[c - 1].el); } else if (c === 0 && places[0]) { go(places[0].el); }
		} else if (k === '/') {
			search.focus();
		} else if (k === '?') {
			help();
		} else if (k === 'Escape' && keys && !keys.hidden) {
			keys.hidden = true;
		} else {
			if (SCROLLS.indexOf(k) >= 0) { onGesture(); }
			return;
		}
		e.preventDefault();
	});
	window.addEventListener('hashchange', function () {
		var p = hashed();
		if (p >= 0) { pin(p); } else { redirect(); }
	});
	// index.html#G:030, in a book: to the page that holds G:030, the
	// last whose first step of that chapter is not past it (the contents
	// name each page's first step); #chapter-G to the chapter's page.
	function redirect() {
		var id, m, a, i, to = null, best = -1;
		try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return false; }
		if (!book || book.ch >= 0 || !toc || !id || hashed() >= 0) { return false; }
		if ((m = /^chapter-([A-Z]+)$/.exec(id))) {
			a = toc.querySelectorAll('summary a');
			for (i = 0; i < a.length; i++) { if (a[i].getAttribute('href').split('#')[1] === id) { to = a[i].getAttribute('href'); } }
		} else if ((m = /^([A-Z]+):([0-9]+)$/.exec(id))) {
			a = toc.querySelectorAll('a.toc-page[data-first]');
			for (i = 0; i < a.length; i++) {
				var f = /^([A-Z]+):([0-9]+)$/.exec(a[i].getAttribute('data-first'));
				if (f && f[1] === m[1] && +f[2] <= +m[2] && +f[2] >= best) { best = +f[2]; to = a[i].getAttribute('href') + '#' + id; }
			}
		}
		if (to) { location.replace(to); }
		return !!to;
	}
	if (redirect()) { return; }
	if (hashed() >= 0) { pin(hashed()); } else { show(); }
}());
