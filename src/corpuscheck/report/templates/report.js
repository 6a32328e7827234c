/* The report's filters, search, pages and tooltips. Without JavaScript the page
   shows everything; this only hides and shows what is already there, and reads
   corpus text only through textContent, never as HTML. */
(function () {
  "use strict";
  var PAGE = 50;
  var doc = document;
  var form = doc.getElementById("filters");
  if (!form) {
    return;
  }

  function all(selector, root) {
    return Array.prototype.slice.call((root || doc).querySelectorAll(selector));
  }

  function make(tag, className, text) {
    var el = doc.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (text) {
      el.textContent = text;
    }
    return el;
  }

  var query = doc.getElementById("q");
  var ruleSelect = doc.getElementById("rule-filter");
  var status = doc.getElementById("status");
  var pager = doc.getElementById("pager");
  var pageLabel = doc.getElementById("page-label");
  var previous = pager.querySelector('[data-page="-1"]');
  var next = pager.querySelector('[data-page="1"]');
  var tip = doc.getElementById("tip");
  var boxes = all("input[type=checkbox]", form);
  var rows = all("#doc-table tbody tr");
  var findingRows = all("tr.finding");
  var marks = all("mark.f");
  var ruleCards = all("article.rule-card");
  var articles = {};
  all("article.doc").forEach(function (article) {
    articles[article.getAttribute("data-doc")] = article;
  });
  var page = 0;
  var texts = new Map();

  /* The lower-cased text an element is searched by; a document's row includes its article. */
  function searchText(el) {
    var text = texts.get(el);
    if (text === undefined) {
      text = el.textContent + " " + (el.getAttribute("data-search") || "");
      var article = articles[el.getAttribute("data-doc")];
      if (article && article !== el) {
        text += " " + article.textContent;
      }
      text = text.toLowerCase();
      texts.set(el, text);
    }
    return text;
  }

  function currentFilters() {
    var filters = {
      severity: {},
      category: {},
      rule: ruleSelect.value,
      query: query.value.trim().toLowerCase(),
      everything: !ruleSelect.value
    };
    boxes.forEach(function (box) {
      var kind = box.hasAttribute("data-filter-severity") ? "severity" : "category";
      filters[kind][box.value] = box.checked;
      if (!box.checked) {
        filters.everything = false;
      }
    });
    return filters;
  }

  function passes(filters, rule, severity) {
    return (
      filters.severity[severity] !== false &&
      filters.category[rule.split(".")[0]] !== false &&
      (!filters.rule || filters.rule === rule)
    );
  }

  function documentPasses(filters, el) {
    if (!filters.everything) {
      var pairs = (el.getAttribute("data-findings") || "").split(" ");
      var any = pairs.some(function (pair) {
        var cut = pair.lastIndexOf(":");
        return cut > 0 && passes(filters, pair.slice(0, cut), pair.slice(cut + 1));
      });
      if (!any) {
        return false;
      }
    }
    return !filters.query || searchText(el).indexOf(filters.query) >= 0;
  }

  function paginate() {
    var visible = rows.filter(function (row) {
      return !row.classList.contains("filtered");
    });
    var pages = Math.max(1, Math.ceil(visible.length / PAGE));
    page = Math.min(Math.max(page, 0), pages - 1);
    rows.forEach(function (row) {
      row.classList.remove("paged");
    });
    visible.forEach(function (row, i) {
      if (Math.floor(i / PAGE) !== page) {
        row.classList.add("paged");
      }
    });
    pager.hidden = pages < 2;
    pageLabel.textContent =
      "Page " + (page + 1) + " of " + pages + " (" + visible.length + " documents)";
    previous.disabled = page === 0;
    next.disabled = page === pages - 1;
  }

  function apply() {
    var filters = currentFilters();
    var shown = {};
    var count = 0;
    rows.forEach(function (row) {
      var ok = documentPasses(filters, row);
      row.classList.toggle("filtered", !ok);
      shown[row.getAttribute("data-doc")] = ok;
      count += ok ? 1 : 0;
    });
    Object.keys(articles).forEach(function (id) {
      var article = articles[id];
      var ok = id in shown ? shown[id] : documentPasses(filters, article);
      article.classList.toggle("filtered", !ok);
    });
    findingRows.forEach(function (row) {
      var ok = passes(filters, row.getAttribute("data-rule"), row.getAttribute("data-severity"));
      if (ok && filters.query && row.classList.contains("searchable")) {
        ok = searchText(row).indexOf(filters.query) >= 0;
      }
      row.classList.toggle("filtered", !ok);
    });
    marks.forEach(function (mark) {
      var ok = passes(filters, mark.getAttribute("data-rule"), mark.getAttribute("data-severity"));
      mark.classList.toggle("off", !ok);
    });
    ruleCards.forEach(function (card) {
      var rule = card.getAttribute("data-rule");
      var ok = card
        .getAttribute("data-severities")
        .split(" ")
        .some(function (severity) {
          return passes(filters, rule, severity);
        });
      card.classList.toggle("filtered", !ok);
    });
    page = 0;
    paginate();
    form.setAttribute("data-applied", filters.query);
    if (filters.everything && !filters.query) {
      status.textContent = "Showing all " + rows.length + " documents of the table.";
    } else {
      status.textContent =
        "Showing " + count + " of " + rows.length + " documents" +
        (count ? "." : ": nothing matches, press \u201cShow all\u201d to clear the filters.");
    }
  }

  function reset() {
    query.value = "";
    ruleSelect.value = "";
    boxes.forEach(function (box) {
      box.checked = true;
    });
    apply();
  }

  /* Following a link to something filtered out or on another page shows it first. */
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? doc.getElementById(id) : null;
    if (!target) {
      return;
    }
    if (target.closest(".filtered")) {
      reset();
    }
    var row = target.closest("#doc-table tbody tr");
    if (row && row.classList.contains("paged")) {
      page = Math.floor(rows.filter(function (r) {
        return !r.classList.contains("filtered");
      }).indexOf(row) / PAGE);
      paginate();
    }
    target.scrollIntoView({ block: "center" });
  }

  /* Tooltips: every finding under the pointer or the focus, innermost first. */
  var focused = null;

  function describe(mark) {
    tip.textContent = "";
    for (var m = mark; m; m = m.parentElement ? m.parentElement.closest("mark.f") : null) {
      if (m.classList.contains("off")) {
        continue;
      }
      var severity = m.getAttribute("data-severity");
      var one = make("div", "one");
      var what = make("div", "what");
      what.appendChild(make("span", "sev sev-" + severity, severity));
      what.appendChild(make("code", "", m.getAttribute("data-rule")));
      one.appendChild(what);
      var row = doc.getElementById(m.getAttribute("data-row"));
      if (row) {
        [
          [".m-text", ""],
          [".repair", "fix"],
          [".evidence code", "ev"]
        ].forEach(function (part) {
          var source = row.querySelector(part[0]);
          if (source) {
            one.appendChild(make("div", part[1], source.textContent));
          }
        });
      }
      tip.appendChild(one);
    }
    return tip.childNodes.length > 0;
  }

  function show(mark) {
    if (!describe(mark)) {
      hide();
      return;
    }
    tip.hidden = false;
    var rects = mark.getClientRects();
    var box = rects.length ? rects[0] : mark.getBoundingClientRect();
    var room = doc.documentElement.clientWidth - tip.offsetWidth - 8;
    tip.style.left = Math.max(8, Math.min(box.left, room)) + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  function hide() {
    tip.hidden = true;
  }

  doc.addEventListener("mouseover", function (event) {
    var mark = event.target.closest ? event.target.closest("mark.f") : null;
    if (mark) {
      show(mark);
    } else if (focused) {
      show(focused);
    } else {
      hide();
    }
  });
  doc.addEventListener("focusin", function (event) {
    var mark = event.target.closest ? event.target.closest("mark.f") : null;
    focused = mark;
    if (mark) {
      show(mark);
    } else {
      hide();
    }
  });
  doc.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hide();
    } else if (event.key === "Enter" && event.target.matches && event.target.matches("mark.f")) {
      location.hash = "#" + event.target.getAttribute("data-row");
    }
  });
  window.addEventListener("beforeprint", hide);
  window.addEventListener("hashchange", reveal);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("change", apply);
  var timer = 0;
  query.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  doc.getElementById("reset").addEventListener("click", reset);
  pager.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-page]");
    if (button) {
      page += Number(button.getAttribute("data-page"));
      paginate();
      doc.getElementById("doc-table").scrollIntoView({ block: "start" });
    }
  });

  marks.forEach(function (mark) {
    mark.removeAttribute("title");
  });
  doc.documentElement.classList.add("js");
  form.hidden = false;
  apply();
  reveal();
})();
