package reports

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// CohortTable is the view of a cohort audit that RenderCohortHTML draws:
// one row per target, one column per criterion.
type CohortTable struct {
	Title   string
	Meta    string
	Columns []CohortColumn
	Rows    []CohortRow
	// Teach lists the most common failing checks, most common first.
	Teach   []string
	Summary []CohortSummary
	// Checks are the checks that fail for someone, most often first: the
	// page filters the rows by them ("who still has no migrations").
	Checks []CohortCheck
}

// CohortCheck is a check that fails for Failing targets.
type CohortCheck struct {
	ID, Title string
	Failing   int
}

// CohortColumn is a criterion column.
type CohortColumn struct{ ID, Title string }

// CohortRow is one target. Status and Scores follow Columns; a score of
// -1 is a skipped criterion. Error is set for a target that failed.
type CohortRow struct {
	// Href links the repository; Report, when set, links the target's own
	// report written beside the cohort's (a path relative to it).
	Name, Target, Href, URL, Report string
	Score                           int
	Grade                           string
	Status                          []string
	Scores                          []int
	Fixes                           []string
	// FailedChecks are the IDs of the checks the target fails.
	FailedChecks []string
	Error        string
}

// CohortSummary counts one criterion's statuses across the cohort.
type CohortSummary struct {
	Title                        string
	Pass, Partial, Fail, Skipped int
}

// cohortCSS adds the table to the single report's styles. The table
// scrolls inside its own box, both ways, with the headings and the rank
// and name columns held in place, so a wide cohort never widens the page.
const cohortCSS = `
header.top.wide, main.wide { max-width: none; }
.tablewrap.grid { overflow: auto; max-height: 75vh; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; margin-top: 0; }
table.cohort { border-collapse: separate; border-spacing: 0; width: max-content; min-width: 100%; font-size: 14px; }
table.cohort th, table.cohort td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: center; white-space: nowrap; background: var(--panel); }
table.cohort thead th { position: sticky; top: 0; z-index: 2; cursor: pointer; user-select: none; font-weight: 600; }
#targets .pos { position: sticky; left: 0; z-index: 1; box-sizing: border-box; width: 3.5em; min-width: 3.5em; max-width: 3.5em; }
#targets .name { position: sticky; left: 3.5em; z-index: 1; text-align: left; max-width: 16em; overflow: hidden; text-overflow: ellipsis; border-right: 1px solid var(--line); }
#targets thead .pos, #targets thead .name { z-index: 3; }
table.cohort .name { text-align: left; }
table.cohort th[aria-sort="ascending"]::after { content: " ▲"; }
table.cohort th[aria-sort="descending"]::after { content: " ▼"; }
table.cohort td.err { text-align: left; color: var(--fail); white-space: normal; min-width: 20em; }
table.cohort tr.hidden { display: none; }
.cell { display: inline-block; min-width: 2.6em; border-radius: 4px; padding: 1px 4px; font-variant-numeric: tabular-nums; color: #111; }
.h0 { background: #f4b4ae; } .h1 { background: #f8cba6; } .h2 { background: #fbe3a0; }
.h3 { background: #e3ecA0; } .h4 { background: #bfe3b4; } .h5 { background: #95d5a3; }
.hs { background: repeating-linear-gradient(45deg, var(--track), var(--track) 4px, transparent 4px, transparent 8px); color: var(--text); }
.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin-bottom: 10px; }
.filters label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); gap: 2px; }
.filters select, .filters input { font: inherit; font-size: 14px; color: var(--text); background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 3px 6px; max-width: 22em; }
.filters output { font-size: 13px; color: var(--muted); }
.legend { font-size: 13px; color: var(--muted); margin: 8px 0 0; }
.legend .cell { margin-right: 2px; }
.dist { display: flex; height: 12px; min-width: 120px; border-radius: 4px; overflow: hidden; background: var(--track); }
.dist span { display: block; height: 100%; }
ul.teach li { margin: 4px 0; }
ul.teach button { font: inherit; font-size: 13px; color: var(--accent); background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline; }
`

// cohortJS sorts a table (the targets, and the summary by criterion) when
// a heading is clicked; values sort by their data-v attribute, numbers as
// numbers, and rows of targets that failed stay last. It also filters the
// targets by a criterion not passed, a failing check, or a name.
const cohortJS = `document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.cohort").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      th.setAttribute("tabindex", "0");
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          // Targets that could not be audited stay at the bottom: they
          // have no score, and no cell under a criterion.
          var fa = a.classList.contains("failed"), fb = b.classList.contains("failed");
          if (fa !== fb) return fa ? 1 : -1;
          var ca = a.cells[col], cb = b.cells[col];
          var x = ca ? ca.getAttribute("data-v") : "", y = cb ? cb.getAttribute("data-v") : "";
          var nx = parseFloat(x), ny = parseFloat(y), r;
          if (!isNaN(nx) && !isNaN(ny)) r = nx - ny; else r = String(x).localeCompare(String(y));
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });
  var crit = document.getElementById("f-criterion"), check = document.getElementById("f-check"),
      name = document.getElementById("f-name"), count = document.getElementById("f-count");
  var table = document.getElementById("targets");
  if (!table || !crit) return;
  function filter() {
    var c = crit.value, k = check ? check.value : "", n = name.value.trim().toLowerCase();
    var rows = table.tBodies[0].rows, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], ok = true;
      if (c || k) {
        if (r.classList.contains("failed")) ok = false;
        if (c && (" " + r.getAttribute("data-weak") + " ").indexOf(" " + c + " ") < 0) ok = false;
        if (k && (" " + r.getAttribute("data-failed") + " ").indexOf(" " + k + " ") < 0) ok = false;
      }
      if (n && r.cells[1].textContent.toLowerCase().indexOf(n) < 0) ok = false;
      r.classList.toggle("hidden", !ok);
      if (ok) shown++;
    }
    count.textContent = shown + " of " + rows.length + " shown";
  }
  crit.addEventListener("change", filter);
  if (check) check.addEventListener("change", filter);
  name.addEventListener("input", filter);
  document.querySelectorAll("button[data-check]").forEach(function (b) {
    b.addEventListener("click", function () { check.value = b.getAttribute("data-check"); crit.value = ""; filter(); table.scrollIntoView(); });
  });
  filter();
});`

var cohortTemplate = template.Must(template.New("cohort").Funcs(template.FuncMap{
	"status": func(r CohortRow, i int) string { return r.Status[i] },
	"score":  func(r CohortRow, i int) int { return r.Scores[i] },
	"inc":    func(i int) int { return i + 1 },
	// heat is the cell's shade, from red (0) to green (100).
	"heat": func(score int) string {
		if score < 0 {
			return "hs"
		}
		return fmt.Sprintf("h%d", min(score, 100)*6/101)
	},
	"weak": func(r CohortRow, cols []CohortColumn) string {
		var ids []string
		for i, c := range cols {
			if i < len(r.Status) && (r.Status[i] == "fail" || r.Status[i] == "partial") {
				ids = append(ids, c.ID)
			}
		}
		return strings.Join(ids, " ")
	},
	"join": strings.Join,
	"add4": func(a, b, c, d int) int { return a + b + c + d },
	"share": func(n, of int) string {
		if of <= 0 {
			return "0"
		}
		return fmt.Sprintf("%.1f", float64(n)*100/float64(of))
	},
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="color-scheme" content="light dark">
<title>{{.T.Title}}</title>
<style>{{.CSS}}</style>
<script>{{.JS}}</script>
</head>
<body>
<header class="top wide"><div class="who"><h1>{{.T.Title}}</h1><div class="meta">{{.T.Meta}}</div></div></header>
<main class="wide">
<section aria-labelledby="targets-heading">
<h2 id="targets-heading">Targets</h2>
<div class="filters" role="search">
  <label>Criterion not passed<select id="f-criterion"><option value="">any</option>{{range .T.Columns}}<option value="{{.ID}}">{{.Title}}</option>{{end}}</select></label>
  {{- if .T.Checks}}
  <label>Failing check<select id="f-check"><option value="">any</option>{{range .T.Checks}}<option value="{{.ID}}">{{.ID}} ({{.Failing}})</option>{{end}}</select></label>
  {{- end}}
  <label>Name<input id="f-name" type="search" placeholder="filter by name"></label>
  <output id="f-count" aria-live="polite"></output>
</div>
<div class="tablewrap grid" tabindex="0" role="region" aria-label="Targets by criterion (scrolls)">
<table class="cohort" id="targets">
<thead><tr><th class="pos" scope="col">#</th><th class="name" scope="col">Name</th><th scope="col">Score</th><th scope="col">Grade</th>{{range .T.Columns}}<th scope="col" title="{{.Title}}">{{.ID}}</th>{{end}}</tr></thead>
<tbody>
{{- range $i, $r := .T.Rows}}
<tr{{if $r.Error}} class="failed"{{end}} data-weak="{{weak $r $.T.Columns}}" data-failed="{{join $r.FailedChecks " "}}"><td class="pos" data-v="{{inc $i}}">{{inc $i}}</td><th class="name" scope="row" data-v="{{$r.Name}}" title="{{$r.Target}}">{{if $r.Report}}<a href="{{$r.Report}}">{{$r.Name}}</a>{{else if $r.Href}}<a href="{{$r.Href}}">{{$r.Name}}</a>{{else}}{{$r.Name}}{{end}}{{if and $r.Report $r.Href}} · <a href="{{$r.Href}}">code</a>{{end}}{{if $r.URL}} · <a href="{{$r.URL}}">live</a>{{end}}</th>
{{- if $r.Error}}<td data-v="-1">–</td><td data-v="">–</td><td class="err" colspan="{{len $.T.Columns}}">{{$r.Error}}</td>
{{- else}}<td data-v="{{$r.Score}}"><span class="cell {{heat $r.Score}}">{{$r.Score}}</span></td><td data-v="{{$r.Grade}}">{{$r.Grade}}</td>
{{- range $j, $c := $.T.Columns}}{{$s := status $r $j}}<td data-v="{{score $r $j}}" title="{{$c.Title}}: {{$s}}"><span class="cell {{heat (score $r $j)}}">{{if eq $s "skipped"}}–{{else}}{{score $r $j}}{{end}}</span></td>{{end}}
{{- end}}</tr>
{{- end}}
</tbody>
</table>
</div>
<p class="legend">Scores shaded from red (0) to green (100): <span class="cell h0">0</span><span class="cell h2">40</span><span class="cell h4">80</span><span class="cell h5">100</span> <span class="cell hs">–</span> skipped. Click a heading to sort.</p>
</section>
{{- if .T.Teach}}
<section aria-labelledby="teach-heading"><h2 id="teach-heading">What to teach next</h2><ul class="teach">{{range $i, $t := .T.Teach}}<li>{{$t}}{{if lt $i (len $.T.Checks)}} <button type="button" data-check="{{(index $.T.Checks $i).ID}}">show who</button>{{end}}</li>{{end}}</ul></section>
{{- end}}
{{- if .T.Summary}}
<section aria-labelledby="by-heading"><h2 id="by-heading">By criterion</h2>
<div class="tablewrap"><table class="cohort" id="by-criterion"><thead><tr><th class="name" scope="col">Criterion</th><th scope="col">Pass</th><th scope="col">Partial</th><th scope="col">Fail</th><th scope="col">Skipped</th><th scope="col">Spread</th></tr></thead><tbody>
{{- range .T.Summary}}{{$n := add4 .Pass .Partial .Fail .Skipped}}
<tr><th class="name" scope="row" data-v="{{.Title}}">{{.Title}}</th><td data-v="{{.Pass}}">{{.Pass}}</td><td data-v="{{.Partial}}">{{.Partial}}</td><td data-v="{{.Fail}}">{{.Fail}}</td><td data-v="{{.Skipped}}">{{.Skipped}}</td><td data-v="{{.Pass}}"><span class="dist" role="img" aria-label="{{.Pass}} pass, {{.Partial}} partial, {{.Fail}} fail, {{.Skipped}} skipped"><span class="s-pass" style="width: {{share .Pass $n}}%"></span><span class="s-partial" style="width: {{share .Partial $n}}%"></span><span class="s-fail" style="width: {{share .Fail $n}}%"></span></span></td></tr>
{{- end}}
</tbody></table></div></section>
{{- end}}
</main>
</body>
</html>
`))

// RenderCohortHTML writes a cohort table as one self-contained page in the
// look of the single report, sortable by any column.
func RenderCohortHTML(w io.Writer, t CohortTable) error {
	css, err := assets.ReadFile("assets/report.css")
	if err != nil {
		return fmt.Errorf("cohort html: %w", err)
	}
	for _, r := range t.Rows {
		if r.Error == "" && (len(r.Status) != len(t.Columns) || len(r.Scores) != len(t.Columns)) {
			return fmt.Errorf("cohort html: row %s has %d statuses for %d columns", r.Name, len(r.Status), len(t.Columns))
		}
	}
	data := struct {
		T   CohortTable
		CSS template.CSS
		JS  template.JS
	}{t, template.CSS(string(css) + cohortCSS), template.JS(cohortJS)}
	if err := cohortTemplate.Execute(w, data); err != nil {
		return fmt.Errorf("cohort html: %w", err)
	}
	return nil
}
