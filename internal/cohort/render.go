package cohort

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

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

// tiny are the criterion headings of the coloured table, short enough
// for eleven criteria to fit 80 columns.
var tiny = map[string]string{
	"auth": "auth", "database": "db", "api-docs": "docs", "deployment": "depl", "history": "hist",
	"errors": "err", "tests": "test", "logging": "log", "readme": "rdme", "security": "sec", "scope": "scop",
}

var ansiCode = regexp.MustCompile(`\x1b\[[0-9;]*m`)

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
)

// statusColour colours a status on a terminal.
func statusColour(status string) string {
	switch status {
	case "pass":
		return "\x1b[32m"
	case "partial":
		return "\x1b[33m"
	case "fail":
		return "\x1b[31m"
	}
	return "\x1b[90m"
}

// colourTable writes the targets as a heat map for a terminal: each
// criterion's score in its status colour under a short heading, the names
// shortened (never the scores) when the table is wider than the terminal.
func (r *Report) colourTable(bw *bufio.Writer) {
	type cell struct{ text, colour string }
	head := []cell{{"#", ""}, {"NAME", ""}, {"SCORE", ""}, {"GR", ""}}
	for _, c := range r.Criteria {
		h := tiny[c.ID]
		if h == "" {
			h = heading(c.ID)
		}
		head = append(head, cell{h, ""})
	}
	table := [][]cell{head}
	for i, row := range r.Rows {
		cells := []cell{{strconv.Itoa(i + 1), ""}, {row.Name(), ""}}
		if !row.OK() {
			cells = append(cells, cell{"-", ""}, cell{"-", ""}, cell{"error: " + printable(row.Error), statusColour("fail")})
			table = append(table, cells)
			continue
		}
		grade := "pass"
		switch {
		case row.Score < 35:
			grade = "fail"
		case row.Score < 75:
			grade = "partial"
		}
		cells = append(cells, cell{strconv.Itoa(row.Score), statusColour(grade)}, cell{row.Grade, statusColour(grade)})
		for _, c := range r.Criteria {
			st := row.Status[c.ID]
			text := "-"
			if v, ok := row.Scores[c.ID]; ok && st != "skipped" {
				text = strconv.Itoa(v)
			}
			cells = append(cells, cell{text, statusColour(st)})
		}
		table = append(table, cells)
	}
	// Column widths; the last cell of an error row spans the criteria.
	widths := make([]int, len(head))
	for _, cells := range table {
		for j, c := range cells {
			if j < len(widths) && !(j == 4 && len(cells) == 5 && j == len(cells)-1 && len(table[0]) > 5) {
				widths[j] = max(widths[j], utf8.RuneCountInString(c.text))
			}
		}
	}
	total := 0
	for _, w := range widths {
		total += w + 1
	}
	if r.Width > 0 && total-1 > r.Width {
		widths[1] = max(8, widths[1]-(total-1-r.Width))
	}
	for _, cells := range table {
		var line strings.Builder
		for j, c := range cells {
			text := c.text
			w := utf8.RuneCountInString(text)
			if j == 1 && w > widths[1] {
				text = string([]rune(text)[:widths[1]-1]) + "…"
				w = widths[1]
			}
			if j > 0 {
				line.WriteByte(' ')
			}
			pad := ""
			if j < len(widths) && j < len(cells)-1 {
				pad = strings.Repeat(" ", max(0, widths[j]-w))
			} else if j < len(widths) {
				pad = strings.Repeat(" ", max(0, widths[j]-w))
			}
			if c.colour != "" {
				text = c.colour + text + ansiReset
			} else if cells[0].text == "#" {
				text = ansiBold + text + ansiReset
			}
			// An error spans the criteria, wrapped under itself.
			if len(cells) == 5 && j == 4 {
				indent := utf8.RuneCountInString(ansiCode.ReplaceAllString(line.String(), ""))
				width := 0
				if r.Width > 0 {
					width = max(r.Width, indent+20)
				}
				wrapped := reports.Wrap(c.text, width, strings.Repeat(" ", indent), strings.Repeat(" ", indent))
				for k, l := range wrapped {
					l = c.colour + strings.TrimLeft(l, " ") + ansiReset
					if k == 0 {
						line.WriteString(l)
						continue
					}
					line.WriteString("\n" + strings.Repeat(" ", indent) + l)
				}
				continue
			}
			// Numbers line up on the right, words on the left.
			if j == 1 {
				line.WriteString(text + pad)
			} else {
				line.WriteString(pad + text)
			}
		}
		fmt.Fprintln(bw, strings.TrimRight(line.String(), " "))
	}
}

// Text writes the table and the summary: plain, stable lines, or on a
// terminal (Color) a coloured heat map sized to its width.
func (r *Report) Text(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, r.header())
	fmt.Fprintln(bw)
	if r.Color {
		r.colourTable(bw)
		r.textSummary(bw)
		return bw.Flush()
	}
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
			cells = append(cells, "error: "+printable(row.Error))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
	r.textSummary(bw)
	return bw.Flush()
}

// textSummary writes what to teach next and the count per criterion.
func (r *Report) textSummary(bw *bufio.Writer) {
	if teach := r.Teach(5); len(teach) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "What to teach next:")
		for _, t := range teach {
			for _, l := range reports.Wrap(fmt.Sprintf("%s (%s)", printable(t.Message), t.ID), r.Width, "  ", "    ") {
				fmt.Fprintln(bw, l)
			}
		}
	}
	if r.Audited > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "By criterion:")
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
		for _, s := range r.Summary {
			fmt.Fprintf(tw, "  %s\t%d pass\t%d partial\t%d fail\t%d skipped\n", s.Criterion, s.Pass, s.Partial, s.Fail, s.Skipped)
		}
		tw.Flush()
	}
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
			cells = append(cells, "error: "+mdEscape(printable(row.Error)))
			for range len(r.Criteria) - 1 {
				cells = append(cells, "")
			}
		}
		fmt.Fprintf(bw, "| %s |\n", strings.Join(cells, " | "))
	}
	if teach := r.Teach(5); len(teach) > 0 {
		fmt.Fprintf(bw, "\n## What to teach next\n\n")
		for _, t := range teach {
			fmt.Fprintf(bw, "- %s (`%s`)\n", mdEscape(printable(t.Message)), t.ID)
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
		cr.FailedChecks = row.FailedChecks
		if r.MemberReport != nil && row.OK() {
			cr.Report = r.MemberReport(row)
		}
		t.Rows = append(t.Rows, cr)
	}
	for _, s := range r.Summary {
		for _, c := range s.Checks {
			t.Checks = append(t.Checks, reports.CohortCheck{ID: c.ID, Title: c.Title, Failing: c.Failing})
		}
	}
	// Most often failed first, as Teach orders them, so the page's
	// "show who" buttons line up with its teaching points.
	slices.SortStableFunc(t.Checks, func(a, b reports.CohortCheck) int { return cmp.Compare(b.Failing, a.Failing) })
	for _, c := range r.Teach(8) {
		t.Teach = append(t.Teach, c.Message+" ("+c.ID+")")
	}
	for _, s := range r.Summary {
		t.Summary = append(t.Summary, reports.CohortSummary{Title: s.Title, Pass: s.Pass, Partial: s.Partial, Fail: s.Fail, Skipped: s.Skipped})
	}
	return reports.RenderCohortHTML(w, t)
}
