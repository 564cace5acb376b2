package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules"
)

func renderHTML(t *testing.T, sc *rules.Scorecard) string {
	t.Helper()
	var buf bytes.Buffer
	if err := (HTML{doc: fixtureDoc}).Render(&buf, sc); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestHTMLCommandHintsOnlyForTheCandidate: a page about someone's GitHub
// repository is read by a reviewer, who cannot act on "--url"; the
// candidate's own local report keeps the hint.
func TestHTMLCommandHintsOnlyForTheCandidate(t *testing.T) {
	sc := weakScorecard()
	if sc.Target.Kind != "github" || !strings.Contains(strings.Join(sc.Notes, " "), "(give one with --url)") {
		t.Fatal("the weak fixture should be a GitHub target with a --url hint in its notes")
	}
	page := renderHTML(t, sc)
	if strings.Contains(page, "--url") {
		t.Error("the page of a GitHub repository tells its reader to run vetfolio with --url")
	}
	if !strings.Contains(page, "live probe skipped: no deployed URL is known</li>") {
		t.Error("the note lost more than its hint")
	}
	sc.Target.Kind, sc.Target.Path = "local", "."
	if page := renderHTML(t, sc); !strings.Contains(page, "(give one with --url)") {
		t.Error("the candidate's own local report lost its hint")
	}
}

// TestHTMLBlockersComeFirst: committed secrets and must-haves not met come
// before the fixes; the fixes past the top five are folded.
func TestHTMLBlockersComeFirst(t *testing.T) {
	sc := skippedScorecard()
	page := renderHTML(t, sc)
	blockers, fixes := strings.Index(page, `<section id="blockers"`), strings.Index(page, `<section id="fixes"`)
	if blockers < 0 || fixes < 0 || blockers > fixes {
		t.Fatalf("blockers at %d, fixes at %d: the blockers must come first", blockers, fixes)
	}
	if !strings.Contains(page[blockers:fixes], "src/main/resources/application.properties:7") {
		t.Error("the committed secret is not among the blockers")
	}

	weak := weakScorecard()
	page = renderHTML(t, weak)
	for _, id := range []string{"auth", "database", "deployment"} {
		if !strings.Contains(page, `<a href="#crit-`+id+`">must-have not met: `) {
			t.Errorf("must-have %s not shown as a blocker linked to its checks", id)
		}
	}
	more := strings.Index(page, `<details class="more" id="more-fixes">`)
	if more < 0 {
		t.Fatal("no folded list of the other fixes")
	}
	fixes5 := sortedFixes(weak)
	if !strings.Contains(page[:more], `data-check="`+fixes5[topFixes-1].Check+`"`) ||
		strings.Contains(page[:more], `data-check="`+fixes5[topFixes].Check+`"`) ||
		!strings.Contains(page[more:], `<ol class="fixes" start="6">`) {
		t.Error("the top five fixes are not open with the rest folded from number 6")
	}
}

// TestHTMLStatusInWords: the criteria say pass, partial, fail or skipped
// in words, not in colour only.
func TestHTMLStatusInWords(t *testing.T) {
	page := renderHTML(t, weakScorecard())
	bars := page[strings.Index(page, `<ul class="bars"`):strings.Index(page, `<section id="checks"`)]
	for _, w := range []string{">fail</span>", ">partial</span>", ">skipped</span>"} {
		if !strings.Contains(bars, w) {
			t.Errorf("the criteria bars lack the word %s", w)
		}
	}
}

// TestHTMLLinksALocalCheckoutToGitHub: a local folder whose origin is on
// GitHub links its evidence to the file there, from the repository's root,
// at the audited commit.
func TestHTMLLinksALocalCheckoutToGitHub(t *testing.T) {
	sc := strongScorecard()
	page := renderHTML(t, sc)
	if strings.Contains(page, `href="https://github.com/`) {
		t.Fatal("a local folder with no GitHub origin links to GitHub")
	}
	sc.Target.Remote, sc.Target.Folder = "ana/shop", "services/api"
	page = renderHTML(t, sc)
	commit := sc.Target.Commit
	for _, want := range []string{
		`<a href="https://github.com/ana/shop/blob/` + commit + `/services/api/app/security.py#L9">app/security.py:9</a>`,
		`<a href="https://github.com/ana/shop/tree/` + commit + `/services/api"><code>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}
