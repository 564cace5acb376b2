package reports

import (
	"fmt"
	"html/template"
	"io"
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
}

// CohortColumn is a criterion column.
type CohortColumn struct{ ID, Title string }

// CohortRow is one target. Status and Scores follow Columns; a score of
// -1 is a skipped criterion. Error is set for a target that failed.
type CohortRow struct {
	Name, Target, Href, URL string
	Score                   int
	Grade                   string
	Status                  []string
	Scores                  []int
	Fixes                   []string
	Error                   string
}

// CohortSummary counts one criterion's statuses across the cohort.
type CohortSummary struct {
	Title                        string
	Pass, Partial, Fail, Skipped int
}

// cohortCSS adds the table to the single report's styles.
const cohortCSS = `
main.wide { max-width: 1280px; }
.tablewrap { overflow-x: auto; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
table.cohort { border-collapse: collapse; width: 100%; font-size: 14px; }
table.cohort th, table.cohort td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: center; white-space: nowrap; }
table.cohort th { position: sticky; top: 0; background: var(--panel); cursor: pointer; user-select: none; font-weight: 600; }
table.cohort th[aria-sort="ascending"]::after { content: " ▲"; }
table.cohort th[aria-sort="descending"]::after { content: " ▼"; }
table.cohort td.name, table.cohort th.name { text-align: left; }
table.cohort td.err { text-align: left; color: var(--fail); white-space: normal; }
.cell { display: inline-block; min-width: 2.6em; border-radius: 4px; padding: 1px 4px; color: #fff; font-variant-numeric: tabular-nums; }
.cell.c-pass { background: var(--pass); } .cell.c-partial { background: var(--partial); }
.cell.c-fail { background: var(--fail); } .cell.c-skipped { background: var(--skipped); }
ul.teach li { margin: 4px 0; }
`

// cohortJS sorts a table (the targets, and the summary by criterion) when
// a heading is clicked; values sort by their data-v attribute, numbers as
// numbers, and rows of targets that failed stay last.
const cohortJS = `document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.cohort").forEach(function (table) {
    var heads = table.querySelectorAll("th");
    heads.forEach(function (th, col) {
      th.addEventListener("click", function () {
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
      });
    });
  });
});`

var cohortTemplate = template.Must(template.New("cohort").Funcs(template.FuncMap{
	"status": func(r CohortRow, i int) string { return r.Status[i] },
	"score":  func(r CohortRow, i int) int { return r.Scores[i] },
	"rank": func(s string) int {
		return map[string]int{"pass": 3, "partial": 2, "fail": 1}[s]
	},
	"inc": func(i int) int { return i + 1 },
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
<main class="wide">
<header class="top"><div><h1>{{.T.Title}}</h1><div class="meta">{{.T.Meta}}</div></div></header>
<section aria-label="Targets">
<div class="tablewrap">
<table class="cohort" id="targets">
<thead><tr><th data-type="num">#</th><th class="name">Name</th><th>Score</th><th>Grade</th>{{range .T.Columns}}<th title="{{.Title}}">{{.ID}}</th>{{end}}</tr></thead>
<tbody>
{{- range $i, $r := .T.Rows}}
<tr{{if $r.Error}} class="failed"{{end}}><td data-v="{{inc $i}}">{{inc $i}}</td><td class="name" data-v="{{$r.Name}}">{{if $r.Href}}<a href="{{$r.Href}}">{{$r.Name}}</a>{{else}}{{$r.Name}}{{end}}{{if $r.URL}} · <a href="{{$r.URL}}">live</a>{{end}}</td>
{{- if $r.Error}}<td data-v="-1">–</td><td data-v="">–</td><td class="err" colspan="{{len $.T.Columns}}">{{$r.Error}}</td>
{{- else}}<td data-v="{{$r.Score}}"><span class="cell c-{{if ge $r.Score 75}}pass{{else if ge $r.Score 35}}partial{{else}}fail{{end}}">{{$r.Score}}</span></td><td data-v="{{$r.Grade}}">{{$r.Grade}}</td>
{{- range $j, $c := $.T.Columns}}{{$s := status $r $j}}<td data-v="{{score $r $j}}" title="{{$c.Title}}: {{$s}}"><span class="cell c-{{$s}}">{{if eq $s "skipped"}}–{{else}}{{score $r $j}}{{end}}</span></td>{{end}}
{{- end}}</tr>
{{- end}}
</tbody>
</table>
</div>
</section>
{{- if .T.Teach}}
<section><h2>What to teach next</h2><ul class="teach">{{range .T.Teach}}<li>{{.}}</li>{{end}}</ul></section>
{{- end}}
{{- if .T.Summary}}
<section><h2>By criterion</h2>
<div class="tablewrap"><table class="cohort" id="by-criterion"><thead><tr><th class="name">Criterion</th><th>Pass</th><th>Partial</th><th>Fail</th><th>Skipped</th></tr></thead><tbody>
{{- range .T.Summary}}
<tr><td class="name" data-v="{{.Title}}">{{.Title}}</td><td data-v="{{.Pass}}">{{.Pass}}</td><td data-v="{{.Partial}}">{{.Partial}}</td><td data-v="{{.Fail}}">{{.Fail}}</td><td data-v="{{.Skipped}}">{{.Skipped}}</td></tr>
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
