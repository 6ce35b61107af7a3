/* The web book's one script: keys, the pager and search.  It builds
 * every element with textContent, never from markup. */
(function () {
	'use strict';
	var steps = Array.prototype.slice.call(document.querySelectorAll('article.step'));
	var ids = steps.map(function (s) { return s.id; });
	var prev = document.getElementById('prev');
	var next = document.getElementById('next');
	var search = document.getElementById('search');
	var results = document.getElementById('results');
	var texts = null;

	function current() {
		var id;
		try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ''; }
		return ids.indexOf(id);
	}
	function point(a, id) {
		if (id) {
			a.setAttribute('href', '#' + id);
			a.removeAttribute('aria-disabled');
		} else {
			a.removeAttribute('href');
			a.setAttribute('aria-disabled', 'true');
		}
	}
	function update() {
		var i = current();
		steps.forEach(function (s, k) {
			if (k === i) { s.classList.add('current'); } else { s.classList.remove('current'); }
		});
		point(prev, i > 0 ? ids[i - 1] : (i === 0 ? 'top' : null));
		point(next, i < 0 ? (ids[0] || null) : (i + 1 < ids.length ? ids[i + 1] : null));
	}
	function go(id) {
		if (location.hash === '#' + id) { update(); } else { location.hash = id; }
	}
	function hide() {
		results.hidden = true;
		while (results.firstChild) { results.removeChild(results.firstChild); }
	}
	function find(q) {
		var hits = [];
		if (texts === null) {
			texts = steps.map(function (s) { return s.textContent.toLowerCase(); });
		}
		texts.forEach(function (t, k) { if (t.indexOf(q) >= 0) { hits.push(steps[k]); } });
		return hits;
	}
	search.addEventListener('input', function () {
		var q = search.value.trim().toLowerCase();
		hide();
		if (!q) { return; }
		var hits = find(q);
		hits.slice(0, 50).forEach(function (s) {
			var a = document.createElement('a');
			var num = document.createElement('span');
			var title = s.querySelector('.title');
			a.className = 'hit';
			a.href = '#' + s.id;
			num.className = 'num';
			num.textContent = s.id;
			a.appendChild(num);
			a.appendChild(document.createTextNode(title ? title.textContent : ''));
			a.addEventListener('click', hide);
			results.appendChild(a);
		});
		if (hits.length === 0) {
			var none = document.createElement('div');
			none.className = 'none';
			none.textContent = 'No step matches.';
			results.appendChild(none);
		}
		results.hidden = false;
	});
	search.addEventListener('keydown', function (e) {
		if (e.key === 'Enter') {
			var first = results.querySelector('.hit');
			if (first) {
				hide();
				search.blur();
				go(first.getAttribute('href').slice(1));
			}
			e.preventDefault();
		} else if (e.key === 'Escape') {
			search.value = '';
			hide();
			search.blur();
		}
	});
	document.addEventListener('keydown', function (e) {
		if (e.target === search || e.ctrlKey || e.metaKey || e.altKey) { return; }
		var i = current();
		if (e.key === 'j' || e.key === 'ArrowRight') {
			if (i + 1 < ids.length) { go(ids[i + 1]); }
			e.preventDefault();
		} else if (e.key === 'k' || e.key === 'ArrowLeft') {
			if (i > 0) { go(ids[i - 1]); } else if (i === 0) { go('top'); }
			e.preventDefault();
		} else if (e.key === '/') {
			search.focus();
			e.preventDefault();
		}
	});
	window.addEventListener('hashchange', update);
	update();
}());
