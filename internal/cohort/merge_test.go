package cohort

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/internal/fixture"
	"github.com/vetfolio/vetfolio/internal/github/githubtest"
)

func jsonOf(t *testing.T, r *Report) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	if err := r.JSON(&buf); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatalf("cohort JSON does not parse: %v\n%s", err, buf.String())
	}
	return m
}

func TestShardMergeEqualsWholeRun(t *testing.T) {
	var repos []*githubtest.Repo
	var entries []Entry
	for i, name := range []string{"alpha", "bravo", "charlie", "delta", "echo"} {
		files := weakFiles()
		if i%2 == 0 {
			files = goodFiles()
		}
		repos = append(repos, gitRepo(t, "mentee", name, files, i+1))
		entries = append(entries, Entry{Target: "mentee/" + name, Label: strings.ToUpper(name[:1]) + name[1:]})
	}
	entries = append(entries, Entry{Target: "mentee/missing"})
	srv := githubtest.New(repos...)
	defer srv.Close()
	f := newFront(t, srv)
	opts := Options{Jobs: 3, ExitCode: exitCodeOf, Request: audit.Request{Profile: profile(t), Now: testNow, Version: "test",
		Env: env(map[string]string{"GITHUB_API_URL": f.APIURL(), "VETFOLIO_CACHE_DIR": t.TempDir()})}}
	ctx := context.Background()

	whole, err := Run(ctx, entries, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer whole.Close()
	var parts []*Report
	var names []string
	total := 0
	for i := 1; i <= 3; i++ {
		sh := Shard{I: i, N: 3}
		o := opts
		o.Shard = sh.String()
		part, err := Run(ctx, sh.Select(entries), o)
		if err != nil {
			t.Fatal(err)
		}
		total += part.Targets
		// Through JSON, as shards travel between CI jobs.
		var buf bytes.Buffer
		if err := part.JSON(&buf); err != nil {
			t.Fatal(err)
		}
		part.Close()
		loaded, err := Load(&buf, sh.String())
		if err != nil {
			t.Fatal(err)
		}
		defer loaded.Close()
		parts, names = append(parts, loaded), append(names, "shard-"+sh.String())
	}
	if total != len(entries) {
		t.Fatalf("the shards hold %d targets, want %d", total, len(entries))
	}
	merged, err := Merge(parts, names)
	if err != nil {
		t.Fatal(err)
	}
	defer merged.Close()
	if strings.Join(merged.Shards, ",") != "1/3,2/3,3/3" {
		t.Errorf("shards = %v", merged.Shards)
	}
	a, b := jsonOf(t, whole), jsonOf(t, merged)
	delete(b, "shards")
	ja, _ := json.MarshalIndent(a, "", " ")
	jb, _ := json.MarshalIndent(b, "", " ")
	if string(ja) != string(jb) {
		t.Errorf("merged shards differ from the whole run:\n%s", firstDiff(string(ja), string(jb)))
	}
	var ta, tb bytes.Buffer
	whole.Text(&ta)
	merged.Text(&tb)
	if strings.Replace(tb.String(), ", shards 1/3 2/3 3/3", "", 1) != ta.String() {
		t.Errorf("text differs:\n%s\n---\n%s", ta.String(), tb.String())
	}
	// The same target in two shards is refused.
	if _, err := Merge([]*Report{parts[0], parts[0]}, []string{"x.json", "y.json"}); err == nil || !strings.Contains(err.Error(), "in both x.json and y.json") {
		t.Errorf("duplicate target: %v", err)
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return al[i] + "\n" + bl[i]
		}
	}
	return "different lengths"
}

func TestRenderFormats(t *testing.T) {
	dir := fixture.Repo(t, "", []fixture.Commit{{When: testNow.Add(-48 * time.Hour), Files: goodFiles()}})
	weak := fixture.Repo(t, "", []fixture.Commit{{When: testNow.Add(-48 * time.Hour), Files: weakFiles()}})
	rep, err := Run(context.Background(), []Entry{{Target: weak, Label: "Weak <script>"}, {Target: dir, Label: "Good"}, {Target: dir + "/nope", Label: "Gone"}},
		Options{Request: audit.Request{Profile: profile(t), Now: testNow, Offline: true, Version: "test"}, ExitCode: exitCodeOf})
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close()
	out := map[string]string{}
	for _, f := range Formats {
		var buf bytes.Buffer
		if err := rep.Render(&buf, f); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[f] = buf.String()
	}
	text := out["text"]
	if !strings.Contains(text, "3 targets, 2 audited, 1 failed") || strings.Index(text, "Good") > strings.Index(text, "Weak") ||
		!strings.Contains(text, "What to teach next:") || !strings.Contains(text, "error: ") || strings.Contains(text, "\x1b[") {
		t.Errorf("text:\n%s", text)
	}
	if !strings.Contains(out["markdown"], "| 1 | Good |") || !strings.Contains(out["markdown"], "Weak &lt;script&gt;") {
		t.Errorf("markdown:\n%s", out["markdown"])
	}
	lines := strings.Split(strings.TrimSpace(out["csv"]), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "rank,target,label,repo,url,score,grade,auth,") || !strings.HasPrefix(lines[1], "1,") {
		t.Errorf("csv:\n%s", out["csv"])
	}
	h := out["html"]
	if !strings.Contains(h, "<table class=\"cohort\" id=\"targets\">") || strings.Contains(h, "<script>") && strings.Contains(h, "Weak <script>") || !strings.Contains(h, "aria-sort") {
		t.Errorf("html escaping or sorting missing")
	}
	if strings.Contains(h, "http://") || strings.Contains(h, "https://cdn") {
		t.Errorf("html loads something from the network")
	}
}
