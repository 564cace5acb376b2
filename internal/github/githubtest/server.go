// Package githubtest is a fake GitHub REST API for tests: the answers
// go-github expects for repositories, paged commits, tarballs (a redirect
// to a download URL on the same server), workflow runs and deployments,
// with rate-limit headers, ETags and 304s, and the error answers GitHub
// gives (401, 403, 404, 409, rate limits). It serves repositories built by
// the tests, typically from a fixture git repository with FromGit.
package githubtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Repo is one repository the server knows.
type Repo struct {
	Owner, Name   string
	DefaultBranch string
	Homepage      string
	Description   string
	Topics        []string
	Fork          bool
	Parent        string
	Archived      bool
	// Private repositories answer 404 without the server's token.
	Private bool
	// Forbidden answers 403 to any token (a token without access).
	Forbidden bool
	// Empty answers 409 on the commits endpoint, as GitHub does for a
	// repository without commits.
	Empty bool
	// Commits, newest first.
	Commits []Commit
	// Refs maps branch and tag names to a commit SHA; the default branch
	// points at Commits[0] unless set.
	Refs map[string]string
	// Tarball is the gzipped tar served for any commit.
	Tarball []byte
	// Runs are workflow runs, newest first.
	Runs []Run
	// Deployments, newest first.
	Deployments []Deployment
}

// Commit is one commit of a Repo.
type Commit struct {
	SHA     string
	Name    string
	Email   string
	Date    time.Time
	Message string
	// Files are the files the commit touched, for the commit detail.
	Files []FileChange
}

// FileChange is a file a commit touched; Status is added, modified,
// removed or renamed.
type FileChange struct {
	Name   string
	Status string
}

// Run is a workflow run.
type Run struct {
	Branch     string
	Status     string
	Conclusion string
}

// Deployment is a deployment and its statuses, newest first.
type Deployment struct {
	ID          int64
	Environment string
	Statuses    []DeploymentStatus
}

// DeploymentStatus is one status of a deployment.
type DeploymentStatus struct {
	State          string
	EnvironmentURL string
}

// Server is the fake API. Configure it before the requests; the counters
// are safe to read after.
type Server struct {
	*httptest.Server

	mu    sync.Mutex
	repos map[string]*Repo

	// Token, when set, is the only token accepted: another answers 401.
	Token string
	// Limit and Remaining are the primary rate limit; Remaining 0 answers
	// 403 with X-RateLimit-Remaining: 0. Reset is when it resets.
	Limit, Remaining int
	Reset            time.Time
	// Secondary is how many of the next API requests get a secondary rate
	// limit answer (403 with Retry-After: 1).
	Secondary int
	// Fail maps an API path to a status to answer with (500, 502, ...).
	Fail map[string]int
	// Delay holds every answer back, to test timeouts.
	Delay time.Duration

	requests    []string
	notModified int
	downloads   int
}

// New starts a server serving repos; Close it when done.
func New(repos ...*Repo) *Server {
	s := &Server{repos: map[string]*Repo{}, Limit: 60, Remaining: 60, Reset: time.Now().Add(30 * time.Minute)}
	for _, r := range repos {
		s.Add(r)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Add registers (or replaces) a repository.
func (s *Server) Add(r *Repo) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.DefaultBranch == "" {
		r.DefaultBranch = "main"
	}
	s.repos[strings.ToLower(r.Owner+"/"+r.Name)] = r
}

// APIURL is the value for GITHUB_API_URL.
func (s *Server) APIURL() string { return s.URL + "/" }

// Requests returns the API requests received ("GET /path?query"), 304s
// included, downloads not.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// NotModified counts API requests answered 304.
func (s *Server) NotModified() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.notModified
}

// Downloads counts tarball downloads.
func (s *Server) Downloads() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.downloads
}

// ResetCounters forgets the requests seen so far.
func (s *Server) ResetCounters() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests, s.notModified, s.downloads = nil, 0, 0
}

type reply struct {
	status int
	body   any
	header http.Header
}

func msg(status int, m string) reply {
	return reply{status: status, body: map[string]string{"message": m, "documentation_url": "https://docs.github.com/rest"}}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if s.Delay > 0 {
		select {
		case <-time.After(s.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if strings.HasPrefix(r.URL.Path, "/_download/") {
		s.download(w, r)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r.Method+" "+r.URL.RequestURI())
	rep := s.route(r)
	h := w.Header()
	for k, v := range rep.header {
		h[k] = v
	}
	h.Set("X-RateLimit-Limit", strconv.Itoa(s.Limit))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(s.Reset.Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")
	var body []byte
	if rep.body != nil {
		body, _ = json.Marshal(rep.body)
		h.Set("Content-Type", "application/json; charset=utf-8")
	}
	if rep.status == http.StatusOK {
		sum := sha256.Sum256(body)
		etag := `W/"` + hex.EncodeToString(sum[:8]) + `"`
		h.Set("ETag", etag)
		if inm := r.Header.Get("If-None-Match"); inm != "" && inm == etag {
			// GitHub does not count a 304 against the rate limit.
			s.notModified++
			h.Set("X-RateLimit-Remaining", strconv.Itoa(s.Remaining))
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	if rep.status != 0 && !strings.HasPrefix(h.Get("X-RateLimit-Remaining"), "0") && s.Remaining > 0 {
		s.Remaining--
	}
	if h.Get("X-RateLimit-Remaining") == "" {
		h.Set("X-RateLimit-Remaining", strconv.Itoa(s.Remaining))
	}
	w.WriteHeader(rep.status)
	w.Write(body)
}

func (s *Server) route(r *http.Request) reply {
	if r.Method != http.MethodGet {
		return msg(http.StatusMethodNotAllowed, "Method Not Allowed")
	}
	tok := ""
	if a := r.Header.Get("Authorization"); a != "" {
		tok = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(a, "Bearer "), "token "))
		if s.Token == "" || tok != s.Token {
			return msg(http.StatusUnauthorized, "Bad credentials")
		}
	}
	if s.Remaining <= 0 {
		rep := msg(http.StatusForbidden, "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit.)")
		rep.header = http.Header{"X-Ratelimit-Remaining": {"0"}}
		return rep
	}
	if s.Secondary > 0 {
		s.Secondary--
		rep := reply{status: http.StatusForbidden, body: map[string]string{
			"message":           "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
			"documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}}
		rep.header = http.Header{"Retry-After": {"1"}}
		return rep
	}
	if st, ok := s.Fail[r.URL.Path]; ok {
		return msg(st, http.StatusText(st))
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) < 3 || parts[0] != "repos" {
		return msg(http.StatusNotFound, "Not Found")
	}
	repo := s.repos[strings.ToLower(parts[1]+"/"+parts[2])]
	if repo == nil || (repo.Private && tok == "") {
		return msg(http.StatusNotFound, "Not Found")
	}
	if repo.Forbidden {
		return msg(http.StatusForbidden, "Resource not accessible by personal access token")
	}
	rest := parts[3:]
	switch {
	case len(rest) == 0:
		return reply{status: http.StatusOK, body: s.repoJSON(repo)}
	case rest[0] == "commits" && len(rest) == 1:
		return s.commits(r, repo)
	case rest[0] == "commits" && len(rest) == 2:
		return s.commit(repo, rest[1])
	case rest[0] == "tarball":
		ref := strings.Join(rest[1:], "/")
		if ref == "" {
			ref = repo.DefaultBranch
		}
		if repo.Empty || s.resolve(repo, ref) == "" {
			return msg(http.StatusNotFound, "Not Found")
		}
		return reply{status: http.StatusFound, header: http.Header{"Location": {s.URL + "/_download/" + repo.Owner + "/" + repo.Name + "/" + url.PathEscape(ref) + ".tar.gz"}}}
	case rest[0] == "actions" && len(rest) == 2 && rest[1] == "runs":
		return s.runs(r, repo)
	case rest[0] == "deployments" && len(rest) == 1:
		return s.deployments(r, repo)
	case rest[0] == "deployments" && len(rest) == 3 && rest[2] == "statuses":
		return s.statuses(r, repo, rest[1])
	}
	return msg(http.StatusNotFound, "Not Found")
}

func (s *Server) repoJSON(r *Repo) map[string]any {
	out := map[string]any{
		"id": 1, "name": r.Name, "full_name": r.Owner + "/" + r.Name, "owner": map[string]any{"login": r.Owner},
		"private": r.Private, "fork": r.Fork, "archived": r.Archived, "default_branch": r.DefaultBranch,
		"homepage": r.Homepage, "description": r.Description, "topics": r.Topics,
		"html_url": s.URL + "/" + r.Owner + "/" + r.Name,
	}
	if r.Parent != "" {
		out["parent"] = map[string]any{"full_name": r.Parent}
	}
	return out
}

// resolve turns a branch, tag or SHA (or its prefix) into a commit SHA.
func (s *Server) resolve(r *Repo, ref string) string {
	if len(r.Commits) == 0 {
		return ""
	}
	if sha, ok := r.Refs[ref]; ok {
		return sha
	}
	if ref == r.DefaultBranch {
		return r.Commits[0].SHA
	}
	if len(ref) >= 7 {
		for _, c := range r.Commits {
			if strings.HasPrefix(c.SHA, ref) {
				return c.SHA
			}
		}
	}
	return ""
}

func commitJSON(c Commit) map[string]any {
	who := map[string]any{"name": c.Name, "email": c.Email, "date": c.Date.UTC().Format(time.RFC3339)}
	return map[string]any{
		"sha":    c.SHA,
		"commit": map[string]any{"author": who, "committer": who, "message": c.Message},
	}
}

func (s *Server) commits(r *http.Request, repo *Repo) reply {
	if repo.Empty {
		return msg(http.StatusConflict, "Git Repository is empty.")
	}
	q := r.URL.Query()
	ref := q.Get("sha")
	if ref == "" {
		ref = repo.DefaultBranch
	}
	head := s.resolve(repo, ref)
	if head == "" {
		return msg(http.StatusNotFound, "No commit found for SHA: "+ref)
	}
	var list []Commit
	for i, c := range repo.Commits {
		if c.SHA == head {
			list = repo.Commits[i:]
			break
		}
	}
	page, per := atoi(q.Get("page"), 1), atoi(q.Get("per_page"), 30)
	per = min(max(per, 1), 100)
	start := min((page-1)*per, len(list))
	end := min(start+per, len(list))
	out := make([]map[string]any, 0, end-start)
	for _, c := range list[start:end] {
		out = append(out, commitJSON(c))
	}
	last := max((len(list)+per-1)/per, 1)
	return reply{status: http.StatusOK, body: out, header: link(r, page, last)}
}

// link writes GitHub's Link header for page of last.
func link(r *http.Request, page, last int) http.Header {
	if last <= 1 {
		return nil
	}
	at := func(p int) string {
		u := *r.URL
		q := u.Query()
		q.Set("page", strconv.Itoa(p))
		u.RawQuery = q.Encode()
		return fmt.Sprintf("<http://%s%s>", r.Host, u.RequestURI())
	}
	var parts []string
	if page < last {
		parts = append(parts, at(page+1)+`; rel="next"`, at(last)+`; rel="last"`)
	}
	if page > 1 {
		parts = append(parts, at(1)+`; rel="first"`, at(page-1)+`; rel="prev"`)
	}
	return http.Header{"Link": {strings.Join(parts, ", ")}}
}

func atoi(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return n
	}
	return def
}

func (s *Server) commit(repo *Repo, ref string) reply {
	sha := s.resolve(repo, ref)
	for _, c := range repo.Commits {
		if c.SHA == sha {
			out := commitJSON(c)
			files := make([]map[string]any, 0, len(c.Files))
			for _, f := range c.Files {
				files = append(files, map[string]any{"filename": f.Name, "status": f.Status})
			}
			out["files"] = files
			return reply{status: http.StatusOK, body: out}
		}
	}
	return msg(http.StatusUnprocessableEntity, "No commit found for SHA: "+ref)
}

func (s *Server) runs(r *http.Request, repo *Repo) reply {
	branch := r.URL.Query().Get("branch")
	var out []map[string]any
	for i, run := range repo.Runs {
		if branch != "" && run.Branch != branch {
			continue
		}
		out = append(out, map[string]any{"id": i + 1, "head_branch": run.Branch, "status": run.Status, "conclusion": run.Conclusion})
	}
	total := len(out)
	if per := atoi(r.URL.Query().Get("per_page"), 30); len(out) > per {
		out = out[:per]
	}
	return reply{status: http.StatusOK, body: map[string]any{"total_count": total, "workflow_runs": out}}
}

func (s *Server) deployments(r *http.Request, repo *Repo) reply {
	out := []map[string]any{}
	for _, d := range repo.Deployments {
		out = append(out, map[string]any{"id": d.ID, "environment": d.Environment})
	}
	if per := atoi(r.URL.Query().Get("per_page"), 30); len(out) > per {
		out = out[:per]
	}
	return reply{status: http.StatusOK, body: out}
}

func (s *Server) statuses(r *http.Request, repo *Repo, id string) reply {
	for _, d := range repo.Deployments {
		if strconv.FormatInt(d.ID, 10) != id {
			continue
		}
		out := []map[string]any{}
		for _, st := range d.Statuses {
			out = append(out, map[string]any{"state": st.State, "environment_url": st.EnvironmentURL})
		}
		if per := atoi(r.URL.Query().Get("per_page"), 30); len(out) > per {
			out = out[:per]
		}
		return reply{status: http.StatusOK, body: out}
	}
	return msg(http.StatusNotFound, "Not Found")
}

func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.downloads++
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/_download/"), "/")
	var repo *Repo
	if len(parts) >= 2 {
		repo = s.repos[strings.ToLower(parts[0]+"/"+parts[1])]
	}
	s.mu.Unlock()
	if repo == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/x-gzip")
	w.Write(repo.Tarball)
}
