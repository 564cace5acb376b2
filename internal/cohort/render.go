package cohort

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/vetfolio/vetfolio/reports"
)

// Formats are the cohort report's formats.
var Formats = []string{"text", "json", "markdown", "csv", "html"}

// Extensions names the file of each format under --output-dir.
var Extensions = map[string]string{"text": "txt", "json": "json", "markdown": "md", "csv": "csv", "html": "html"}

// Render writes the report in a format.
func (r *Report) Render(w io.Writer, format string) error {
	switch format {
	case "text":
		return r.Text(w)
	case "json":
		return r.JSON(w)
	case "markdown":
		return r.Markdown(w)
	case "csv":
		return r.CSV(w)
	case "html":
		return r.HTML(w)
	}
	return fmt.Errorf("unknown cohort format %q (valid: %s)", format, strings.Join(Formats, ", "))
}

// short are the criterion column headings of the text table.
var short = map[string]string{
	"auth": "auth", "database": "db", "api-docs": "docs", "deployment": "deploy", "history": "hist",
	"errors": "errors", "tests": "tests", "logging": "log", "readme": "readme", "security": "sec", "scope": "scope",
}

func heading(id string) string {
	if s, ok := short[id]; ok {
		return s
	}
	return id
}

// mark is a status in the text table: stable words, no colour codes.
func mark(status string) string {
	switch status {
	case "pass":
		return "pass"
	case "partial":
		return "part"
	case "fail":
		return "FAIL"
	case "":
		return ""
	}
	return "-"
}

func (r *Report) header() string {
	s := fmt.Sprintf("vetfolio cohort: %d target%s, %d audited, %d failed (profile %s)", r.Targets, plural(r.Targets), r.Audited, r.Failed, r.Profile)
	if len(r.Shards) > 0 {
		s += ", shards " + strings.Join(r.Shards, " ")
	}
	return s
}

// Text writes the table and the summary as plain, stable lines.
func (r *Report) Text(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, r.header())
	fmt.Fprintln(bw)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	head := []string{"#", "SCORE", "GRADE", "NAME"}
	for _, c := range r.Criteria {
		head = append(head, heading(c.ID))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for i, row := range r.Rows {
		cells := []string{strconv.Itoa(i + 1), "", "", row.Name()}
		if row.OK() {
			cells[1], cells[2] = strconv.Itoa(row.Score), row.Grade
			for _, c := range r.Criteria {
				cells = append(cells, mark(row.Status[c.ID]))
			}
		} else {
			cells[1], cells[2] = "-", "-"
			cells = append(cells, "error: "+row.Error)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
	if teach := r.Teach(5); len(teach) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "What to teach next:")
		for _, t := range teach {
			fmt.Fprintf(bw, "  %s (%s)\n", t.Message, t.ID)
		}
	}
	if r.Audited > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "By criterion:")
		tw = tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
		for _, s := range r.Summary {
			fmt.Fprintf(tw, "  %s\t%d pass\t%d partial\t%d fail\t%d skipped\n", s.Criterion, s.Pass, s.Partial, s.Fail, s.Skipped)
		}
		tw.Flush()
	}
	return bw.Flush()
}

// Markdown writes the table and the summary for a pull request, an issue
// or a GitHub step summary.
func (r *Report) Markdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# vetfolio cohort\n\n%s.\n\n", r.header()[len("vetfolio cohort: "):])
	head := []string{"#", "Name", "Score", "Grade"}
	sep := []string{"--:", "---", "--:", ":-:"}
	for _, c := range r.Criteria {
		head = append(head, c.Title)
		sep = append(sep, ":-:")
	}
	fmt.Fprintf(bw, "| %s |\n| %s |\n", strings.Join(head, " | "), strings.Join(sep, " | "))
	icons := map[string]string{"pass": "✅", "partial": "🟡", "fail": "❌", "skipped": "➖"}
	for i, row := range r.Rows {
		cells := []string{strconv.Itoa(i + 1), mdEscape(row.Name()), "", ""}
		if row.OK() {
			cells[2], cells[3] = strconv.Itoa(row.Score), row.Grade
			for _, c := range r.Criteria {
				cells = append(cells, icons[row.Status[c.ID]])
			}
		} else {
			cells[2], cells[3] = "—", "—"
			cells = append(cells, "error: "+mdEscape(row.Error))
			for range len(r.Criteria) - 1 {
				cells = append(cells, "")
			}
		}
		fmt.Fprintf(bw, "| %s |\n", strings.Join(cells, " | "))
	}
	if teach := r.Teach(5); len(teach) > 0 {
		fmt.Fprintf(bw, "\n## What to teach next\n\n")
		for _, t := range teach {
			fmt.Fprintf(bw, "- %s (`%s`)\n", mdEscape(t.Message), t.ID)
		}
	}
	if r.Audited > 0 {
		fmt.Fprintf(bw, "\n## By criterion\n\n| Criterion | Pass | Partial | Fail | Skipped |\n| --- | --: | --: | --: | --: |\n")
		for _, s := range r.Summary {
			fmt.Fprintf(bw, "| %s | %d | %d | %d | %d |\n", s.Title, s.Pass, s.Partial, s.Fail, s.Skipped)
		}
	}
	return bw.Flush()
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

// CSV writes one line per target: rank, names, score, grade, each
// criterion's status, then its score, and the error.
func (r *Report) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"rank", "target", "label", "repo", "url", "score", "grade"}
	for _, c := range r.Criteria {
		head = append(head, c.ID)
	}
	for _, c := range r.Criteria {
		head = append(head, c.ID+"_score")
	}
	head = append(head, "failed_checks", "error")
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for i, row := range r.Rows {
		rec := []string{strconv.Itoa(i + 1), csvSafe(row.Target), csvSafe(row.Label), row.Repo, csvSafe(row.URL), "", row.Grade}
		if row.OK() {
			rec[5] = strconv.Itoa(row.Score)
		}
		for _, c := range r.Criteria {
			rec = append(rec, row.Status[c.ID])
		}
		for _, c := range r.Criteria {
			s := ""
			if v, ok := row.Scores[c.ID]; ok {
				s = strconv.Itoa(v)
			}
			rec = append(rec, s)
		}
		rec = append(rec, strings.Join(row.FailedChecks, ";"), csvSafe(row.Error))
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// csvSafe keeps a spreadsheet from reading a cell as a formula.
func csvSafe(s string) string {
	// OWASP's list: a cell starting with any of these runs as a formula in
	// a spreadsheet (tab and carriage return included).
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// JSON writes the report with every target's full report, indented. The
// full reports are read from the spool one at a time, so writing does not
// hold the cohort in memory.
func (r *Report) JSON(w io.Writer) error {
	head := *r
	head.Rows = []Row{}
	full, err := json.MarshalIndent(head, "", "  ")
	if err != nil {
		return fmt.Errorf("write cohort json: %w", err)
	}
	// Rows is the last field: cut its empty value and stream the rows.
	const tail = `"rows": []` + "\n}"
	if !bytes.HasSuffix(full, []byte(tail)) {
		return fmt.Errorf("write cohort json: unexpected layout")
	}
	bw := bufio.NewWriter(w)
	bw.Write(full[:len(full)-len(tail)])
	bw.WriteString(`"rows": [`)
	for i, row := range r.Rows {
		raw, err := r.FullReport(row)
		if err != nil {
			return err
		}
		row.Report = raw
		rb, err := json.MarshalIndent(row, "    ", "  ")
		if err != nil {
			return fmt.Errorf("write cohort json: %w", err)
		}
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		bw.Write(rb)
	}
	if len(r.Rows) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

// HTML writes one self-contained page with the table, sortable by any
// column, in the look of the single report.
func (r *Report) HTML(w io.Writer) error {
	t := reports.CohortTable{Title: "vetfolio cohort", Meta: r.header()[len("vetfolio cohort: "):]}
	for _, c := range r.Criteria {
		t.Columns = append(t.Columns, reports.CohortColumn{ID: c.ID, Title: c.Title})
	}
	for _, row := range r.Rows {
		cr := reports.CohortRow{Name: row.Name(), Target: row.Target, Score: row.Score, Grade: row.Grade, Error: row.Error, URL: row.URL}
		if row.Repo != "" {
			cr.Href = "https://github.com/" + row.Repo
		}
		for _, c := range r.Criteria {
			cr.Status = append(cr.Status, row.Status[c.ID])
			s := -1
			if v, ok := row.Scores[c.ID]; ok {
				s = v
			}
			cr.Scores = append(cr.Scores, s)
		}
		cr.Fixes = row.TopFixes
		t.Rows = append(t.Rows, cr)
	}
	for _, c := range r.Teach(8) {
		t.Teach = append(t.Teach, c.Message+" ("+c.ID+")")
	}
	for _, s := range r.Summary {
		t.Summary = append(t.Summary, reports.CohortSummary{Title: s.Title, Pass: s.Pass, Partial: s.Partial, Fail: s.Fail, Skipped: s.Skipped})
	}
	return reports.RenderCohortHTML(w, t)
}
