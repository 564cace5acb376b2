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

// chromiumPath is Debian's chromium; .ci/run installs it.
const chromiumPath = "/usr/bin/chromium"

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

// pageState is what the page shows, read in the browser.
type pageState struct {
	Score        string   `json:"score"`
	ScoreVisible bool     `json:"scoreVisible"`
	Criteria     []string `json:"criteria"`
	Sections     []string `json:"sections"`
	Fixes        []string `json:"fixes"`
	Theme        string   `json:"theme"`
	Background   string   `json:"background"`
	OpenDetails  int      `json:"openDetails"`
}

const readState = `(() => {
  const vis = el => {
    if (!el) return false;
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && parseFloat(s.opacity) > 0;
  };
  const score = document.getElementById('score');
  return {
    score: score ? score.textContent : '',
    scoreVisible: vis(score),
    criteria: [...document.querySelectorAll('#bars li')].filter(vis).map(li => li.dataset.criterion),
    sections: [...document.querySelectorAll('details.crit > summary')].filter(vis).map(s => s.parentElement.id),
    fixes: [...document.querySelectorAll('#fixes ol.fixes > li')].filter(vis).map(li => li.dataset.check),
    theme: document.documentElement.getAttribute('data-theme') || '',
    background: getComputedStyle(document.body).backgroundColor,
    openDetails: document.querySelectorAll('details[open]').length,
  };
})()`

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
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browserCtx); err != nil {
		t.Skipf("chromium at %s does not start: %v", chromiumPath, err)
	}

	pages := t.TempDir()
	for _, name := range []string{"strong", "weak", "skipped"} {
		sc := fixtureScorecards()[name]
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := (HTML{}).Render(&buf, sc); err != nil {
				t.Fatal(err)
			}
			page := filepath.Join(pages, name+".html")
			if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}

			tab, cancelTab := chromedp.NewContext(browserCtx)
			defer cancelTab()
			var mu sync.Mutex
			var problems []string
			report := func(format string, a ...any) {
				mu.Lock()
				defer mu.Unlock()
				problems = append(problems, fmt.Sprintf(format, a...))
			}
			// Listen sees the console API, uncaught exceptions, the browser
			// log (where CSP violations and failed loads land) and every
			// request: a self-contained page makes none beyond its own file.
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
			shot := func() []byte {
				t.Helper()
				b, err := chromedp.Run(tab, chromedp.FullScreenshot(100)) // quality 100 gives a PNG
				if err != nil {
					t.Fatalf("screenshot: %v", err)
				}
				return b
			}
			step("open the report", chromedp.Navigate("file://"+page))
			step("wait for the score", chromedp.WaitVisible(chromedp.ID("score")))
			light := state()
			shotLight := shot()
			step("switch the theme", chromedp.Click(chromedp.ID("theme-toggle")))
			step("expand all", chromedp.Click(chromedp.ID("expand-all")))
			step("settle", chromedp.Sleep(100*time.Millisecond))
			dark := state()
			shotDark := shot()
			for suffix, shot := range map[string][]byte{"before": shotLight, "toggled": shotDark} {
				out := filepath.Join(artifacts, "html-"+name+"-"+suffix+".png")
				if err := os.WriteFile(out, shot, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("screenshot: %s", out)
			}

			if !light.ScoreVisible || light.Score != fmt.Sprint(sc.Score) {
				t.Errorf("score shown %q (visible %v), want %d", light.Score, light.ScoreVisible, sc.Score)
			}
			var ids []string
			for _, cr := range sc.Criteria {
				ids = append(ids, cr.ID)
			}
			var sections []string
			for _, id := range ids {
				sections = append(sections, "crit-"+id)
			}
			if !slices.Equal(light.Criteria, ids) {
				t.Errorf("visible criteria bars %v, want %v", light.Criteria, ids)
			}
			if !slices.Equal(light.Sections, sections) {
				t.Errorf("visible criterion sections %v, want %v", light.Sections, sections)
			}
			var fixes []string
			for _, fx := range sortedFixes(sc) {
				fixes = append(fixes, fx.Check)
			}
			if !slices.Equal(light.Fixes, fixes) {
				t.Errorf("visible fixes %v, want %v (by gain)", light.Fixes, fixes)
			}
			if light.OpenDetails != 0 {
				t.Errorf("%d criteria open on load, want them folded", light.OpenDetails)
			}
			if dark.OpenDetails != len(sc.Criteria) {
				t.Errorf("expand all opened %d of %d criteria", dark.OpenDetails, len(sc.Criteria))
			}
			// The choice persists in localStorage across tabs, so the page may
			// open in either theme; the toggle must flip it.
			before := light.Theme
			if before == "" {
				before = "light" // headless Chromium prefers the light scheme
			}
			if dark.Theme == "" || dark.Theme == before || dark.Background == light.Background {
				t.Errorf("the theme toggle did not switch from %s: theme %q, background %s → %s", before, dark.Theme, light.Background, dark.Background)
			}
			mu.Lock()
			defer mu.Unlock()
			for _, p := range problems {
				t.Errorf("browser: %s", p)
			}
		})
	}
}
