package reports

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// cohortFixture is a cohort of five: a strong and a middling project, a
// weak one with skipped criteria, one that could not be audited, and a
// name that needs escaping. Rows come ranked by score, as the cohort
// package hands them over.
func cohortFixture() CohortTable {
	cols := []CohortColumn{{"auth", "Authentication"}, {"database", "Database design"}, {"deployment", "Live deployment"}, {"tests", "Automated tests"}}
	row := func(name, repo string, score int, grade string, st ...string) CohortRow {
		r := CohortRow{Name: name, Target: repo, Href: "https://github.com/" + repo, Score: score, Grade: grade}
		for i, s := range st {
			r.Status = append(r.Status, s)
			r.Scores = append(r.Scores, map[string]int{"pass": 100, "partial": 50 + i, "fail": i * 5, "skipped": -1}[s])
		}
		return r
	}
	ana := row("Ana", "ana/orders-api", 91, "A", "pass", "pass", "pass", "partial")
	ana.URL = "https://orders-api.fly.dev"
	ana.Report = "ana_orders-api/vetfolio.html"
	ben := row("O'Brien & <Co>", "obrien/shop", 64, "C", "pass", "partial", "fail", "pass")
	ben.FailedChecks = []string{"deployment.live"}
	cy := row("Cy", "cy/todo", 38, "D", "partial", "fail", "skipped", "pass")
	cy.FailedChecks = []string{"database.migrations", "auth.mechanism"}
	eve := row("Eve", "eve/hello-flask", 12, "F", "fail", "fail", "skipped", "fail")
	eve.FailedChecks = []string{"database.migrations", "deployment.live", "auth.mechanism"}
	dee := CohortRow{Name: "Dee", Target: "dee/private-api", Href: "https://github.com/dee/private-api", Error: "dee/private-api: repository not found, or private without a token"}
	return CohortTable{
		Title:   "vetfolio cohort",
		Meta:    "5 targets, 4 audited, 1 failed (profile saas)",
		Columns: cols,
		Rows:    []CohortRow{ana, ben, cy, eve, dee},
		Teach:   []string{"2 of 4 have no migrations (database.migrations)", "2 of 4 are not deployed (deployment.live)"},
		Checks: []CohortCheck{{"database.migrations", "Schema changes are migrations", 2}, {"deployment.live", "The deployed URL answers", 2},
			{"auth.mechanism", "The API uses JWT, OAuth or sessions", 2}},
		Summary: []CohortSummary{
			{Title: "Authentication", Pass: 2, Partial: 1, Fail: 1},
			{Title: "Database design", Pass: 1, Partial: 1, Fail: 2},
			{Title: "Live deployment", Pass: 1, Fail: 1, Skipped: 2},
			{Title: "Automated tests", Pass: 2, Partial: 1, Fail: 1},
		},
	}
}

func TestCohortHTMLGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := RenderCohortHTML(&buf, cohortFixture()); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join("testdata", "golden", "cohort.html"), buf.Bytes())
	out := buf.String()
	if !strings.Contains(out, "O&#39;Brien &amp; &lt;Co&gt;") || strings.Contains(out, "<Co>") {
		t.Error("a target's name is not escaped")
	}
	if strings.Contains(out, "http://") || strings.Contains(out, "<link") || strings.Contains(out, " src=") {
		t.Error("the page loads something from outside")
	}
}

func TestCohortHTMLRefusesRaggedRows(t *testing.T) {
	tab := cohortFixture()
	tab.Rows[1].Status = tab.Rows[1].Status[:2]
	if err := RenderCohortHTML(&bytes.Buffer{}, tab); err == nil || !strings.Contains(err.Error(), "2 statuses for 4 columns") {
		t.Errorf("ragged row: %v", err)
	}
}

// cohortState is what the cohort page shows, read in the browser.
type cohortState struct {
	Rows        []string `json:"rows"`
	Shown       []string `json:"shown"`
	Count       string   `json:"count"`
	VisibleRows int      `json:"visibleRows"`
	Summary     []string `json:"summary"`
	Teach       int      `json:"teach"`
	Sorted      string   `json:"sorted"`
	// Overflow is how far the page is wider than the window.
	Overflow int `json:"overflow"`
}

const readCohort = `(() => {
  const vis = el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const rows = [...document.querySelectorAll('#targets tbody tr')];
  const sorted = document.querySelector('#targets th[aria-sort]');
  return {
    rows: rows.map(tr => tr.cells[1].getAttribute('data-v')),
    shown: rows.filter(tr => vis(tr)).map(tr => tr.cells[1].getAttribute('data-v')),
    count: (document.getElementById('f-count') || {}).textContent || '',
    visibleRows: rows.filter(tr => vis(tr) && vis(tr.cells[1])).length,
    summary: [...document.querySelectorAll('#by-criterion tbody tr')].filter(vis).map(tr => tr.cells[0].textContent),
    teach: [...document.querySelectorAll('ul.teach li')].filter(vis).length,
    sorted: sorted ? sorted.textContent + ' ' + sorted.getAttribute('aria-sort') : '',
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
})()`

func TestCohortHTMLInABrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("no browser: %s is missing (apt-get install chromium, as root, to run this test)", chromiumPath)
	}
	tab := cohortFixture()
	var buf bytes.Buffer
	if err := RenderCohortHTML(&buf, tab); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "cohort.html")
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		t.Skipf("chromium at %s does not start: %v", chromiumPath, err)
	}

	var mu sync.Mutex
	var problems []string
	report := func(format string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		problems = append(problems, fmt.Sprintf(format, a...))
	}
	// Console errors, uncaught exceptions (a sort that throws), CSP
	// violations in the browser log, and any request beyond the file.
	if err := chromedp.Listen(browser, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				report("console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			if d := ev.ExceptionDetails; d != nil {
				msg := d.Text
				if d.Exception != nil {
					msg += " " + d.Exception.Description
				}
				report("exception: %s", msg)
			}
		case *cdplog.EventEntryAdded:
			if e := ev.Entry; e != nil && (e.Level == cdplog.EntryLevelError || e.Level == cdplog.EntryLevelWarning) {
				report("log %s: %s", e.Level, e.Text)
			}
		case *network.EventRequestWillBeSent:
			if ev.Request != nil && !strings.HasPrefix(ev.Request.URL, "file://") && !strings.HasPrefix(ev.Request.URL, "data:") {
				report("network request to %s: the page must be self-contained", ev.Request.URL)
			}
		}
	}); err != nil {
		t.Fatalf("listen: %v", err)
	}
	step := func(what string, a chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(browser, a); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	state := func() cohortState {
		t.Helper()
		st, err := chromedp.Run(browser, chromedp.Evaluate[cohortState](readCohort))
		if err != nil {
			t.Fatalf("read the page: %v", err)
		}
		return st
	}
	// head clicks the n-th heading (1-based) of the targets table.
	head := func(n int) {
		t.Helper()
		step(fmt.Sprintf("click heading %d", n), chromedp.Click(chromedp.CSS(fmt.Sprintf("#targets thead th:nth-child(%d)", n))))
	}

	step("open the cohort report", chromedp.Navigate("file://"+page))
	step("wait for the table", chromedp.WaitVisible(chromedp.ID("targets")))
	loaded := state()
	shot, err := chromedp.Run(browser, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	out := filepath.Join(artifactDir(t), "cohort-html.png")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", out)

	var names, summary []string
	for _, r := range tab.Rows {
		names = append(names, r.Name)
	}
	for _, s := range tab.Summary {
		summary = append(summary, s.Title)
	}
	if !slices.Equal(loaded.Rows, names) || loaded.VisibleRows != len(names) {
		t.Errorf("rows on load %v (%d visible), want %v all visible", loaded.Rows, loaded.VisibleRows, names)
	}
	if !slices.Equal(loaded.Summary, summary) {
		t.Errorf("visible summary rows %v, want %v", loaded.Summary, summary)
	}
	if loaded.Overflow > 0 {
		t.Errorf("the page is %dpx wider than a 1280px window", loaded.Overflow)
	}
	if loaded.Teach != len(tab.Teach) {
		t.Errorf("%d of %d teaching points visible", loaded.Teach, len(tab.Teach))
	}

	// Each click sorts; the target that failed stays last either way.
	for _, c := range []struct {
		what   string
		col    int
		sorted string
		want   []string
	}{
		{"score, ascending", 3, "Score ascending", []string{"Eve", "Cy", "O'Brien & <Co>", "Ana", "Dee"}},
		{"score, descending", 3, "Score descending", []string{"Ana", "O'Brien & <Co>", "Cy", "Eve", "Dee"}},
		{"name", 2, "Name ascending", []string{"Ana", "Cy", "Eve", "O'Brien & <Co>", "Dee"}},
		{"deployment, ascending", 7, "deployment ascending", []string{"Cy", "Eve", "O'Brien & <Co>", "Ana", "Dee"}},
		{"rank", 1, "# ascending", names},
	} {
		head(c.col)
		st := state()
		if !slices.Equal(st.Rows, c.want) || st.Sorted != c.sorted {
			t.Errorf("after sorting by %s: rows %v (heading %q), want %v (%q)", c.what, st.Rows, st.Sorted, c.want, c.sorted)
		}
		if st.VisibleRows != len(names) {
			t.Errorf("after sorting by %s: %d rows visible", c.what, st.VisibleRows)
		}
	}
	// Filters: who still has no migrations; who does not pass deployment;
	// a name; and back to everyone.
	choose := func(id, value string) {
		t.Helper()
		if _, err := chromedp.Run(browser, chromedp.Evaluate[bool](fmt.Sprintf(
			`(() => { const s = document.getElementById(%q); s.value = %q; s.dispatchEvent(new Event(%q)); return true })()`,
			id, value, map[bool]string{true: "input", false: "change"}[id == "f-name"]))); err != nil {
			t.Fatalf("choose %s in %s: %v", value, id, err)
		}
	}
	for _, c := range []struct {
		id, value string
		want      []string
	}{
		{"f-check", "database.migrations", []string{"Cy", "Eve"}},
		{"f-check", "", names},
		{"f-criterion", "deployment", []string{"O'Brien & <Co>"}},
		{"f-criterion", "tests", []string{"Ana", "Eve"}},
		{"f-criterion", "", names},
		{"f-name", "brien", []string{"O'Brien & <Co>"}},
		{"f-name", "", names},
	} {
		choose(c.id, c.value)
		st := state()
		if !slices.Equal(st.Shown, c.want) || st.Count != fmt.Sprintf("%d of %d shown", len(c.want), len(names)) {
			t.Errorf("filter %s=%q: shown %v (%q), want %v", c.id, c.value, st.Shown, st.Count, c.want)
		}
	}
	step("show who has no migrations", chromedp.Click(chromedp.CSS(`ul.teach button[data-check="database.migrations"]`)))
	if st := state(); !slices.Equal(st.Shown, []string{"Cy", "Eve"}) {
		t.Errorf("the teaching point's button shows %v, want Cy and Eve", st.Shown)
	}
	choose("f-check", "")

	// The summary sorts too: most failures first on a second click.
	step("sort the summary by failures", chromedp.Click(chromedp.CSS("#by-criterion thead th:nth-child(4)")))
	step("sort the summary by failures, descending", chromedp.Click(chromedp.CSS("#by-criterion thead th:nth-child(4)")))
	if got := state().Summary; len(got) == 0 || got[0] != "Database design" {
		t.Errorf("summary by failures, descending: %v", got)
	}

	// A big cohort (93 targets, eleven criteria) in a narrow window: the
	// table scrolls inside its box, the page does not, and the rank and
	// name stay in view while the criteria scroll under them.
	wide := wideCohort(93)
	var wbuf bytes.Buffer
	if err := RenderCohortHTML(&wbuf, wide); err != nil {
		t.Fatal(err)
	}
	widePage := filepath.Join(filepath.Dir(page), "wide.html")
	if err := os.WriteFile(widePage, wbuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	step("narrow the window", chromedp.EmulateViewport(800, 700))
	step("open the big cohort", chromedp.Navigate("file://"+widePage))
	step("wait for the table", chromedp.WaitVisible(chromedp.ID("targets")))
	type scrolled struct {
		Overflow     int  `json:"overflow"`
		Scrolls      bool `json:"scrolls"`
		NameInView   bool `json:"nameInView"`
		HeadInView   bool `json:"headInView"`
		LastColShown bool `json:"lastColShown"`
	}
	got, err := chromedp.Run(browser, chromedp.Evaluate[scrolled](`(() => {
  const wrap = document.querySelector('.tablewrap.grid');
  const scrolls = wrap.scrollWidth > wrap.clientWidth && wrap.scrollHeight > wrap.clientHeight;
  wrap.scrollLeft = wrap.scrollWidth; wrap.scrollTop = wrap.scrollHeight;
  const box = wrap.getBoundingClientRect();
  const rows = document.querySelectorAll('#targets tbody tr');
  const last = rows[rows.length - 1];
  const name = last.cells[1].getBoundingClientRect(), cell = last.cells[last.cells.length - 1].getBoundingClientRect();
  const head = document.querySelector('#targets thead th:nth-child(2)').getBoundingClientRect();
  return {
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    scrolls,
    nameInView: name.left >= box.left - 1 && name.right <= box.right && name.bottom <= box.bottom + 1,
    headInView: head.top >= box.top - 1 && head.top <= box.top + 2,
    lastColShown: cell.right <= box.right + 1 && cell.left >= name.right - 1,
  };
})()`))
	if err != nil {
		t.Fatalf("scroll the big cohort: %v", err)
	}
	if got.Overflow > 0 || !got.Scrolls || !got.NameInView || !got.HeadInView || !got.LastColShown {
		t.Errorf("big cohort at 800 px: %+v; want no page overflow, a table that scrolls inside its box, names and headings held in view", got)
	}
	if b, err := chromedp.Run(browser, chromedp.CaptureScreenshot()); err == nil {
		out := filepath.Join(artifactDir(t), "cohort-html-wide-scrolled.png")
		if err := os.WriteFile(out, b, 0o644); err == nil {
			t.Logf("screenshot: %s", out)
		}
	}

	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("browser: %s", p)
	}
}

// wideCohort is a cohort of n targets over the eleven criteria.
func wideCohort(n int) CohortTable {
	ids := []string{"auth", "database", "api-docs", "deployment", "history", "errors", "tests", "logging", "readme", "security", "scope"}
	tab := CohortTable{Title: "vetfolio cohort", Meta: fmt.Sprintf("%d targets", n)}
	for _, id := range ids {
		tab.Columns = append(tab.Columns, CohortColumn{ID: id, Title: id})
	}
	statuses := []string{"pass", "partial", "fail", "skipped"}
	for i := range n {
		r := CohortRow{Name: fmt.Sprintf("Mentee number %d with a long name", i+1), Target: fmt.Sprintf("mentee%d/orders-api", i+1),
			Score: 100 - i, Grade: "C"}
		for j := range ids {
			st := statuses[(i+j)%4]
			r.Status = append(r.Status, st)
			r.Scores = append(r.Scores, map[string]int{"pass": 90, "partial": 50, "fail": 10, "skipped": -1}[st])
		}
		tab.Rows = append(tab.Rows, r)
	}
	return tab
}
