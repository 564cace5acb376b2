package reports

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
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

	"github.com/vetfolio/vetfolio/rules"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// chromiumPath is Debian's chromium; .ci/run installs it.
const chromiumPath = "/usr/bin/chromium"

// axeVersion is the axe-core release the accessibility check loads; .ci/run
// installs the same one.
const axeVersion = "4.14.1"

// artifactDir is where screenshots go: $VETFOLIO_ARTIFACTS when set, so CI
// can keep them, else a temporary folder.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("VETFOLIO_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// axeSource returns axe-core's script, from $VETFOLIO_AXE_DIR (a folder
// npm installed axe-core into; .ci/run sets it) or from a folder under the
// user cache, installing it there with npm when missing. The reason is
// set, and the script empty, when it cannot be had.
var axeOnce = sync.OnceValues(func() (string, string) {
	dir := os.Getenv("VETFOLIO_AXE_DIR")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", "no user cache folder for axe-core: " + err.Error()
		}
		dir = filepath.Join(cache, "vetfolio-test", "axe-core-"+axeVersion)
	}
	script := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	if b, err := os.ReadFile(script); err == nil {
		return string(b), ""
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", "axe-core is not at " + script + " and npm is missing to install it (.ci/run installs it)"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", dir, "axe-core@"+axeVersion).CombinedOutput()
	if err != nil {
		return "", fmt.Sprintf("npm install axe-core@%s into %s failed: %v: %s", axeVersion, dir, err, strings.TrimSpace(string(out)))
	}
	b, err := os.ReadFile(script)
	if err != nil {
		return "", "npm installed axe-core but " + script + " is missing"
	}
	return string(b), ""
})

// pageState is what the page shows, read in the browser.
type pageState struct {
	Score        string   `json:"score"`
	Grade        string   `json:"grade"`
	FirstScreen  []string `json:"firstScreen"`
	Criteria     []string `json:"criteria"`
	Labels       []label  `json:"labels"`
	Sections     []string `json:"sections"`
	Fixes        []string `json:"fixes"`
	TopFix       label    `json:"topFix"`
	Order        []string `json:"order"`
	Theme        string   `json:"theme"`
	Background   string   `json:"background"`
	OpenDetails  int      `json:"openDetails"`
	PageWidth    int      `json:"pageWidth"`
	ViewWidth    int      `json:"viewWidth"`
	ToolsHeights []int    `json:"toolsHeights"`
}

// label is a piece of text and whether it is shown whole: visible, not
// clipped by its box, and inside the window's width.
type label struct {
	Text  string `json:"text"`
	Whole bool   `json:"whole"`
}

const readState = `(() => {
  const vis = el => {
    if (!el) return false;
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    // checkVisibility sees what a closed <details> hides.
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && parseFloat(s.opacity) > 0 &&
      el.checkVisibility({contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true});
  };
  // On the first screen: visible, and within the window without scrolling.
  const first = el => vis(el) && el.getBoundingClientRect().bottom <= window.innerHeight && el.getBoundingClientRect().right <= window.innerWidth;
  const whole = el => ({text: el ? el.textContent.trim() : '', whole: !!el && vis(el) && el.scrollWidth <= el.clientWidth + 1 &&
    el.getBoundingClientRect().left >= 0 && el.getBoundingClientRect().right <= window.innerWidth});
  const firstScreen = [];
  for (const [name, sel] of [['score', '#score'], ['grade', '#grade'], ['stack', 'ul.meta li:nth-child(1)'],
      ['commit', 'ul.meta code'], ['date', 'ul.meta time'], ['gates', '#gates']]) {
    if (first(document.querySelector(sel))) firstScreen.push(name);
  }
  const score = document.getElementById('score');
  const top = document.querySelector('#fixes ol.fixes > li strong');
  return {
    score: score && vis(score) ? score.textContent : '',
    grade: (document.getElementById('grade') || {}).textContent || '',
    firstScreen,
    criteria: [...document.querySelectorAll('#bars li')].filter(vis).map(li => li.dataset.criterion),
    labels: [...document.querySelectorAll('#bars .name')].map(whole),
    sections: [...document.querySelectorAll('details.crit > summary')].filter(vis).map(s => s.parentElement.id),
    fixes: [...document.querySelectorAll('#fixes ol.fixes > li')].filter(vis).map(li => li.dataset.check),
    topFix: whole(top),
    order: [...document.querySelectorAll('main > section[id]')].map(s => s.id),
    theme: document.documentElement.getAttribute('data-theme') || '',
    background: getComputedStyle(document.body).backgroundColor,
    openDetails: document.querySelectorAll('details[open]').length,
    pageWidth: document.documentElement.scrollWidth,
    viewWidth: window.innerWidth,
    toolsHeights: [...document.querySelectorAll('.tools button')].filter(vis).map(b => Math.round(b.getBoundingClientRect().height)),
  };
})()`

// runAxe checks the page with axe-core and returns its serious and
// critical violations, one line each.
const runAxe = `axe.run(document, {resultTypes: ['violations']}).then(r => ({
  passed: r.passes.map(p => p.id),
  serious: r.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' (' + (n.failureSummary || '').replace(/\s+/g, ' ') + ')').join('; ')),
}))`

// axeResult is what runAxe returns: how many rules passed (so a run that
// checked nothing is caught) and the serious and critical violations.
type axeResult struct {
	Passed  []string `json:"passed"`
	Serious []string `json:"serious"`
}

type viewport struct {
	name          string
	width, height int64
}

var viewports = []viewport{{"desktop", 1280, 900}, {"phone", 360, 740}}

func TestHTMLInABrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("no browser: %s is missing (apt-get install chromium, as root, to run this test)", chromiumPath)
	}
	artifacts := artifactDir(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browserCtx); err != nil {
		t.Skipf("chromium at %s does not start: %v", chromiumPath, err)
	}
	axe, axeMissing := axeOnce()

	pages := t.TempDir()
	scorecards := fixtureScorecards()
	// A real audit's report too: gates, a cap, secrets and 42 fixes.
	raw, err := os.ReadFile(filepath.Join("..", "internal", "e2e", "testdata", "golden", "express-weak.json"))
	if err != nil {
		t.Fatal(err)
	}
	var e2e rules.Scorecard
	if err := json.Unmarshal(raw, &e2e); err != nil {
		t.Fatal(err)
	}
	scorecards["express-weak"] = &e2e
	for _, name := range []string{"strong", "weak", "skipped", "express-weak"} {
		sc := scorecards[name]
		var buf bytes.Buffer
		if err := (HTML{}).Render(&buf, sc); err != nil {
			t.Fatal(err)
		}
		page := filepath.Join(pages, name+".html")
		if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, vp := range viewports {
			t.Run(name+"/"+vp.name, func(t *testing.T) {
				checkPage(t, browserCtx, sc, page, vp, artifacts, name, axe, axeMissing)
			})
		}
	}
}

func checkPage(t *testing.T, browserCtx context.Context, sc *rules.Scorecard, page string, vp viewport, artifacts, name, axe, axeMissing string) {
	tab, cancelTab := chromedp.NewContext(browserCtx)
	defer cancelTab()
	var mu sync.Mutex
	var problems []string
	report := func(format string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		problems = append(problems, fmt.Sprintf(format, a...))
	}
	// Listen sees the console API, uncaught exceptions, the browser log
	// (where CSP violations and failed loads land) and every request: a
	// self-contained page makes none beyond its own file.
	err := chromedp.Listen(tab, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			switch ev.Type {
			case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeWarning, runtime.ConsoleAPICalledTypeAssert:
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
			if ev.Request == nil {
				return
			}
			if u := ev.Request.URL; !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
				report("network request to %s: the page must be self-contained", u)
			}
		}
	})
	if err != nil {
		t.Fatalf("listen: %v", err)
	}

	step := func(what string, a chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(tab, a); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	state := func() pageState {
		t.Helper()
		st, err := chromedp.Run(tab, chromedp.Evaluate[pageState](readState))
		if err != nil {
			t.Fatalf("read the page: %v", err)
		}
		return st
	}
	shot := func(suffix string, full bool) {
		t.Helper()
		a := chromedp.CaptureScreenshot()
		switch {
		case suffix == "criteria":
			a = chromedp.Screenshot(chromedp.ID("criteria"))
		case full:
			a = chromedp.FullScreenshot(100) // quality 100 gives a PNG
		}
		b, err := chromedp.Run(tab, a)
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		out := filepath.Join(artifacts, fmt.Sprintf("html-%s-%s-%s.png", name, vp.name, suffix))
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", out)
	}
	accessible := func(when string) {
		t.Helper()
		if axe == "" {
			return
		}
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](axe+";true")); err != nil {
			t.Fatalf("load axe-core: %v", err)
		}
		found, err := chromedp.Run(tab, chromedp.Evaluate[axeResult](runAxe, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("run axe-core: %v", err)
		}
		// Contrast is what the themes most easily break: it must have been
		// checked and passed, not left out.
		if len(found.Passed) < 10 || !slices.Contains(found.Passed, "color-contrast") {
			t.Errorf("axe-core, %s: rules passed %v; did it check the page's contrast?", when, found.Passed)
		}
		t.Logf("axe-core, %s: %d rules pass, %d serious or critical violations", when, len(found.Passed), len(found.Serious))
		for _, v := range found.Serious {
			t.Errorf("axe-core, %s: %s", when, v)
		}
	}

	step("set the window", chromedp.EmulateViewport(vp.width, vp.height))
	// Start from the light theme whatever an earlier tab stored.
	step("open the report", chromedp.Navigate("file://"+page))
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`localStorage.removeItem("vetfolio-theme"), true`)); err != nil {
		t.Fatalf("forget the theme: %v", err)
	}
	step("reload", chromedp.Reload())
	step("wait for the score", chromedp.WaitVisible(chromedp.ID("score")))
	light := state()
	shot("light", false)
	shot("criteria", false)
	accessible("light theme, folded")

	// What must be seen: the score and grade on the first screen (with the
	// stack, commit, date and gates on a desktop), the top fix and every
	// criterion's label whole, and no sideways scrolling of the page.
	if light.Score != fmt.Sprint(sc.Score) || !slices.Contains(light.FirstScreen, "score") {
		t.Errorf("score shown %q, on the first screen: %v; want %d", light.Score, light.FirstScreen, sc.Score)
	}
	if !strings.Contains(light.Grade, sc.Grade) || !slices.Contains(light.FirstScreen, "grade") {
		t.Errorf("grade shown %q, first screen %v; want %s", light.Grade, light.FirstScreen, sc.Grade)
	}
	if vp.name == "desktop" {
		want := []string{"score", "grade", "stack"}
		if sc.Target.Commit != "" {
			want = append(want, "commit")
		}
		if sc.AuditedAt != "" {
			want = append(want, "date")
		}
		if len(gates(sc)) > 0 {
			want = append(want, "gates")
		}
		if !slices.Equal(light.FirstScreen, want) {
			t.Errorf("on the first screen: %v, want %v", light.FirstScreen, want)
		}
	}
	if fixes := sortedFixes(sc); len(fixes) > 0 && (light.TopFix.Text != fixes[0].Title || !light.TopFix.Whole) {
		t.Errorf("top fix shown %+v, want %q whole", light.TopFix, fixes[0].Title)
	}
	for i, l := range light.Labels {
		if i >= len(sc.Criteria) || l.Text != sc.Criteria[i].Title || !l.Whole {
			t.Errorf("criterion label %+v is cut or wrong", l)
		}
	}
	if light.PageWidth > light.ViewWidth {
		t.Errorf("the page is %d px wide in a %d px window: it scrolls sideways", light.PageWidth, light.ViewWidth)
	}
	for _, h := range light.ToolsHeights {
		if h > 40 {
			t.Errorf("a header button is %d px high: its label wraps", h)
		}
	}
	var ids, sections []string
	for _, cr := range sc.Criteria {
		ids = append(ids, cr.ID)
		sections = append(sections, "crit-"+cr.ID)
	}
	if !slices.Equal(light.Criteria, ids) {
		t.Errorf("visible criteria bars %v, want %v", light.Criteria, ids)
	}
	if !slices.Equal(light.Sections, sections) {
		t.Errorf("visible criterion sections %v, want %v", light.Sections, sections)
	}
	var top []string
	for _, fx := range limit(sortedFixes(sc), topFixes) {
		top = append(top, fx.Check)
	}
	if !slices.Equal(light.Fixes, top) {
		t.Errorf("visible fixes %v, want the top %d by gain %v", light.Fixes, topFixes, top)
	}
	wantOrder := []string{"fixes", "criteria", "checks", "stack"}
	if len(blockers(sc)) > 0 {
		wantOrder = append([]string{"blockers"}, wantOrder...)
	}
	if sc.Facts != nil && len(sc.Facts.Schema.Tables) > 0 {
		wantOrder = append(wantOrder, "schema")
		checkDiagram(t, tab, sc.Facts.Schema)
		if vp.name == "desktop" {
			b, err := chromedp.Run(tab, chromedp.Screenshot(chromedp.ID("schema")))
			if err != nil {
				t.Fatalf("screenshot: %v", err)
			}
			out := filepath.Join(artifacts, fmt.Sprintf("html-%s-%s-schema.png", name, vp.name))
			if err := os.WriteFile(out, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(sc.Notes) > 0 {
		wantOrder = append(wantOrder, "notes")
	}
	if !slices.Equal(light.Order, wantOrder) {
		t.Errorf("sections in the order %v, want %v", light.Order, wantOrder)
	}
	if light.OpenDetails != 0 {
		t.Errorf("%d details open on load, want them folded", light.OpenDetails)
	}

	step("expand all", chromedp.Click(chromedp.ID("expand-all")))
	accessible("light theme, expanded")
	step("switch the theme", chromedp.Click(chromedp.ID("theme-toggle")))
	step("settle", chromedp.Sleep(100*time.Millisecond))
	dark := state()
	shot("dark", false)
	shot("dark-full", true)
	accessible("dark theme, expanded")
	folded := len(sc.Criteria)
	if len(sc.Fixes) > topFixes {
		folded++ // the fixes past the top ones
	}
	if dark.OpenDetails != folded {
		t.Errorf("expand all opened %d of %d details", dark.OpenDetails, folded)
	}
	if dark.Theme != "dark" || dark.Background == light.Background {
		t.Errorf("the theme toggle did not switch to dark: theme %q, background %s → %s", dark.Theme, light.Background, dark.Background)
	}
	if dark.PageWidth > dark.ViewWidth {
		t.Errorf("expanded, the page is %d px wide in a %d px window", dark.PageWidth, dark.ViewWidth)
	}
	if axe == "" {
		t.Logf("axe-core check skipped: %s", axeMissing)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("browser: %s", p)
	}
}

// TestAxeAvailable says plainly, as a skip, when the accessibility check
// could not run.
func TestAxeAvailable(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	if _, reason := axeOnce(); reason != "" {
		t.Skipf("the HTML report's accessibility check does not run: %s", reason)
	}
}

// readDiagram measures the schema diagram as the browser drew it: each
// table's box and name, and each foreign key's line.
const readDiagram = `(() => {
  const svg = document.querySelector("#schema svg");
  if (!svg) return {drawn: false};
  const tables = [...svg.querySelectorAll("g.erd-table")].map(g => {
    const r = g.querySelector("rect.erd-box").getBoundingClientRect();
    return {name: g.querySelector("text.erd-name").textContent, x: r.x, y: r.y, w: r.width, h: r.height};
  });
  const lines = [...svg.querySelectorAll("path.erd-edge")].map(p => p.getTotalLength());
  const wrap = svg.parentElement.getBoundingClientRect();
  return {drawn: true, tables, lines, label: svg.getAttribute("aria-labelledby"),
    title: svg.querySelector("title").textContent, wrapWidth: wrap.width};
})()`

type diagramState struct {
	Drawn  bool `json:"drawn"`
	Tables []struct {
		Name       string  `json:"name"`
		X, Y, W, H float64
	} `json:"tables"`
	Lines     []float64 `json:"lines"`
	Label     string    `json:"label"`
	Title     string    `json:"title"`
	WrapWidth float64   `json:"wrapWidth"`
}

// checkDiagram asserts that the schema diagram is drawn: a box per table
// with its name, none overlapping, a visible line per foreign key, and a
// text alternative.
func checkDiagram(t *testing.T, tab context.Context, s facts.Schema) {
	t.Helper()
	d, err := chromedp.Run(tab, chromedp.Evaluate[diagramState](readDiagram))
	if err != nil {
		t.Fatalf("read the diagram: %v", err)
	}
	if !d.Drawn {
		t.Fatal("the report has a schema but no diagram")
	}
	var names []string
	for _, tb := range d.Tables {
		names = append(names, tb.Name)
		if tb.W < 40 || tb.H < 30 {
			t.Errorf("table %s drawn %vx%v px", tb.Name, tb.W, tb.H)
		}
	}
	var want []string
	fks := 0
	for _, tb := range s.Tables {
		want = append(want, tb.Name)
		fks += len(tb.ForeignKeys)
	}
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("tables drawn %v, want %v", names, want)
	}
	for i, a := range d.Tables {
		for _, b := range d.Tables[i+1:] {
			if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
				t.Errorf("tables %s and %s overlap", a.Name, b.Name)
			}
		}
	}
	if len(d.Lines) != fks {
		t.Errorf("%d foreign key lines drawn, want %d", len(d.Lines), fks)
	}
	for i, l := range d.Lines {
		if l < 10 {
			t.Errorf("foreign key line %d is %v px long", i, l)
		}
	}
	if d.Label == "" || !strings.Contains(d.Title, fmt.Sprintf("%d tables", len(s.Tables))) {
		t.Errorf("diagram text alternative: labelledby %q, title %q", d.Label, d.Title)
	}
	if d.WrapWidth <= 0 {
		t.Errorf("the diagram's frame is %v px wide", d.WrapWidth)
	}
}
