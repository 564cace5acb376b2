package cohort

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/internal/github/githubtest"
)

func repoJSON(name, lang, desc string, topics []string, size int, fork, archived bool, homepage string) map[string]any {
	return map[string]any{"name": name, "full_name": "dana/" + name, "owner": map[string]any{"login": "dana"},
		"language": lang, "description": desc, "topics": topics, "size": size, "fork": fork, "archived": archived,
		"homepage": homepage, "default_branch": "main", "pushed_at": "2024-05-20T10:00:00Z"}
}

func TestProfile(t *testing.T) {
	live := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/", "/health":
			w.Write([]byte(`{"status":"ok"}`))
		default:
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"detail":"Not Found"}`))
		}
	}))
	defer live.Close()

	orders := gitRepo(t, "dana", "orders-api", goodFiles(), 8)
	orders.Homepage = live.URL
	payments := gitRepo(t, "dana", "payments-service", weakFiles(), 3)
	payments.Fork, payments.Parent = true, "upstream/payments-service"
	old := gitRepo(t, "dana", "old-api", weakFiles(), 2)
	old.Archived = true
	srv := githubtest.New(orders, payments, old)
	defer srv.Close()
	f := newFront(t, srv)
	f.Users["dana"] = []map[string]any{
		repoJSON("dotfiles", "Shell", "my dotfiles", nil, 40, false, false, ""),
		repoJSON("orders-api", "Python", "Orders REST API with FastAPI and Postgres", []string{"fastapi", "rest-api"}, 600, false, false, live.URL),
		repoJSON("django", "Python", "The Web framework for perfectionists with deadlines.", []string{"django"}, 250000, true, false, ""),
		repoJSON("payments-service", "Go", "Payments API", nil, 300, true, false, ""),
		repoJSON("old-api", "Java", "Library REST API", nil, 200, false, true, ""),
		repoJSON("blog", "HTML", "my blog", nil, 900, false, false, ""),
	}
	now := time.Date(2024, 6, 3, 12, 0, 0, 0, time.UTC)
	var weekly []time.Time
	for w := range 30 {
		weekly = append(weekly, now.AddDate(0, 0, -7*w-1))
	}
	f.Authored["dana/orders-api"] = weekly
	f.Authored["dana/payments-service"] = []time.Time{now.AddDate(0, -2, 0)}

	p, err := RunProfile(context.Background(), ProfileOptions{User: "dana", Top: 3, Cohort: Options{Jobs: 2,
		Request: audit.Request{Profile: profile(t), Now: now, Version: "test", AllowPrivate: true, MaxRequests: 10,
			ProbeTimeout: 2 * time.Second, ProbeBudget: 5 * time.Second,
			Env: env(map[string]string{"GITHUB_API_URL": f.APIURL(), "VETFOLIO_CACHE_DIR": t.TempDir()})}}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	byRepo := map[string]Candidate{}
	var order []string
	for _, c := range p.Candidates {
		byRepo[c.Repo] = c
		order = append(order, c.Repo)
	}
	if order[0] != "dana/orders-api" {
		t.Errorf("ranking %v: the FastAPI project should come first", order)
	}
	if c := byRepo["dana/django"]; c.Audited || !strings.Contains(c.Excluded, "without commits of its own") {
		t.Errorf("fork without own work: %+v", c)
	}
	if c := byRepo["dana/payments-service"]; !c.Audited || c.OwnCommits != 1 {
		t.Errorf("fork with own work should be audited: %+v", c)
	}
	if c := byRepo["dana/old-api"]; !c.Archived || !c.Audited {
		t.Errorf("archived backend repository should be flagged and audited: %+v", c)
	}
	for _, r := range []string{"dana/dotfiles", "dana/blog"} {
		if c := byRepo[r]; c.Audited || c.Rank > 0 {
			t.Errorf("%s is not backend work: %+v", r, c)
		}
	}
	if p.Audited == nil || p.Audited.Audited != 3 {
		t.Fatalf("audited cohort: %+v", p.Audited)
	}
	if !p.Verdict.Met || p.Verdict.Best != "dana/orders-api" {
		t.Errorf("verdict: %+v", p.Verdict)
	}
	t.Logf("verdict: %s", p.Verdict.Summary)
	if p.Consistency.ActiveWeeks < 26 || !strings.HasPrefix(p.Consistency.Verdict, "consistent") {
		t.Errorf("consistency: %+v", p.Consistency)
	}
	// Listing, one fork check, three activity reads: a small budget.
	if p.Requests > 6 {
		t.Errorf("%d requests outside the audits", p.Requests)
	}
	var out bytes.Buffer
	if err := p.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Verdict: ", "ARCHIVED", "skipped: a fork without commits of its own", "dana/orders-api"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := p.JSON(&out); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil || doc["audited"] == nil || doc["verdict"] == nil {
		t.Errorf("json: %v %v", err, out.String()[:min(400, out.Len())])
	}
}
