package github

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	gh "github.com/google/go-github/v60/github"

	"github.com/vetfolio/vetfolio/internal/source"
)

// restBudget is the most REST requests a cold audit of a repository whose
// history fits in one page may send.
const restBudget = 6

// Open reads the repository t into a snapshot whose files are extracted
// into a temporary folder that the snapshot's Close removes.
func Open(ctx context.Context, t Target, opts Options) (*source.Snapshot, error) {
	opts.defaults()
	c, err := newClient(ctx, t, &opts)
	if err != nil {
		return nil, err
	}
	repoPath := "/repos/" + t.Repo()

	var repo *gh.Repository
	_, err = c.call(ctx, "GET "+repoPath, map[int]answer{http.StatusNotFound: {NotFound, c.repoNotFound()}}, func(ctx context.Context) (*gh.Response, error) {
		r, resp, err := c.gh.Repositories.Get(ctx, t.Owner, t.Name)
		repo = r
		return resp, err
	})
	if err != nil {
		return nil, err
	}
	meta := source.Meta{
		DefaultBranch: repo.GetDefaultBranch(), Homepage: strings.TrimSpace(repo.GetHomepage()),
		Description: repo.GetDescription(), Topics: repo.Topics, Fork: repo.GetFork(),
		Parent: repo.GetParent().GetFullName(), Archived: repo.GetArchived(),
	}
	ref := opts.Ref
	if ref == "" {
		ref = t.Ref
	}
	explicit := ref != ""
	if ref == "" {
		ref = meta.DefaultBranch
	}

	commits, pages, truncated, err := c.commits(ctx, ref, explicit)
	if err != nil {
		return nil, err
	}
	sha := commits[0].Hash

	removeStale(os.TempDir(), unpackPrefix+"*", staleUnpack)
	dir, err := os.MkdirTemp("", unpackPrefix+"*")
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", t.Repo(), err)
	}
	snap := &source.Snapshot{
		Kind: "github", Display: t.Raw, Dir: dir, Repo: t.Repo(), Commit: sha,
		Commits: commits, HistoryTruncated: truncated, Meta: meta,
	}
	snap.OnClose(func() { os.RemoveAll(dir) })
	x, err := c.tarball(ctx, sha, dir)
	if err != nil {
		snap.Close()
		return nil, err
	}
	snap.Files = x.Files
	snap.Notes = append(snap.Notes, x.Notes...)
	if len(snap.Files) == 0 {
		snap.Close()
		return nil, &Error{Kind: Empty, Request: "GET " + repoPath + "/tarball/" + short(sha),
			Msg: fmt.Sprintf("%s has no files to audit at %s", t.Repo(), short(sha))}
	}

	// Extras, in order of value, within the budget: the CI verdict, the
	// deployed URL, then the files of the likely bulk-upload commit. The plan counts
	// requests whether or not the cache answers them, so a warm audit reads
	// the same things as a cold one.
	planned, budget := 3+pages-1, restBudget+pages-1
	if x.Workflows && planned < budget {
		planned++
		snap.Meta.CIConclusion = c.lastRun(ctx, meta.DefaultBranch, snap)
	}
	switch {
	case meta.Homepage != "":
		// The homepage is the deployed URL of choice; deployments would not change it.
	case planned < budget:
		snap.Meta.DeploymentURL = c.deploymentURL(ctx, snap, &planned, budget)
	}
	switch {
	case len(commits) == 1 && !truncated:
		// The only commit added every file of the tree: no request needed.
		commits[0].Added, commits[0].Changed = x.Entries, x.Entries
	case truncated:
		snap.Notes = append(snap.Notes, "the oldest commits were not read, so a bulk upload among them cannot be seen")
	case planned < budget:
		planned++
		c.bulkCandidate(ctx, commits, snap)
	default:
		snap.Notes = append(snap.Notes, fmt.Sprintf("files per commit were not read (the budget of %d requests was spent on CI and deployments), so a bulk upload cannot be seen", restBudget))
	}
	if n := c.lowRateNote(); n != "" {
		snap.Notes = append(snap.Notes, n)
	}
	return snap, nil
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}

func (c *client) repoNotFound() string {
	msg := fmt.Sprintf("repository %s not found on %s", c.tgt.Repo(), c.tgt.Host)
	if c.tok.value == "" {
		msg += ", or it is private and no token was given (set GITHUB_TOKEN or GH_TOKEN)"
	} else {
		msg += fmt.Sprintf(", or the token from %s cannot see it", c.tok.source)
	}
	if shortRE.MatchString(c.tgt.Raw) {
		msg += "; there is no local folder of that name either"
	}
	return msg
}

// commits reads the history of ref, newest first, up to the cap.
func (c *client) commits(ctx context.Context, ref string, explicit bool) ([]source.Commit, int, bool, error) {
	what := "GET /repos/" + c.tgt.Repo() + "/commits"
	missing := answer{NotFound, c.repoNotFound()}
	if explicit {
		missing = answer{NotFound, fmt.Sprintf("no branch, tag or commit named %q in %s", ref, c.tgt.Repo())}
	}
	special := map[int]answer{
		http.StatusConflict:            {Empty, fmt.Sprintf("repository %s is empty: it has no commits to audit", c.tgt.Repo())},
		http.StatusNotFound:            missing,
		http.StatusUnprocessableEntity: missing,
	}
	capN := c.opts.CommitCap
	per := min(100, capN)
	// The cap in full pages is the request budget: a server that answers
	// short pages with an endless (or looping) Link header gets no more.
	maxPages := (capN + per - 1) / per
	var out []source.Commit
	pages, truncated := 0, false
	for page := 1; ; {
		var list []*gh.RepositoryCommit
		resp, err := c.call(ctx, what, special, func(ctx context.Context) (*gh.Response, error) {
			l, resp, err := c.gh.Repositories.ListCommits(ctx, c.tgt.Owner, c.tgt.Name,
				&gh.CommitsListOptions{SHA: ref, ListOptions: gh.ListOptions{Page: page, PerPage: per}})
			list = l
			return resp, err
		})
		if err != nil {
			return nil, 0, false, err
		}
		pages++
		for _, rc := range list {
			out = append(out, toCommit(rc))
		}
		if len(out) >= capN {
			truncated = len(out) > capN || resp.NextPage != 0
			out = out[:capN]
			break
		}
		if resp.NextPage == 0 || len(list) == 0 {
			break
		}
		if pages >= maxPages {
			truncated = true
			break
		}
		page = resp.NextPage
	}
	if len(out) == 0 {
		return nil, 0, false, &Error{Kind: Empty, Request: what, Msg: fmt.Sprintf("repository %s has no commits on %s", c.tgt.Repo(), ref)}
	}
	return out, pages, truncated, nil
}

func toCommit(rc *gh.RepositoryCommit) source.Commit {
	a := rc.GetCommit().GetAuthor()
	return source.Commit{
		Hash: rc.GetSHA(), Email: strings.ToLower(a.GetEmail()), When: a.GetDate().Time,
		Subject: subject(rc.GetCommit().GetMessage()),
	}
}

// subject is git's %s: the message's first paragraph on one line.
func subject(msg string) string {
	var parts []string
	for _, line := range strings.Split(strings.ReplaceAll(msg, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			if len(parts) > 0 {
				break
			}
			continue
		}
		parts = append(parts, line)
	}
	return strings.Join(parts, " ")
}

// lastRun is the state of the latest workflow run on the default branch.
func (c *client) lastRun(ctx context.Context, branch string, snap *source.Snapshot) string {
	var runs *gh.WorkflowRuns
	_, err := c.call(ctx, "GET /repos/"+c.tgt.Repo()+"/actions/runs", nil, func(ctx context.Context) (*gh.Response, error) {
		r, resp, err := c.gh.Actions.ListRepositoryWorkflowRuns(ctx, c.tgt.Owner, c.tgt.Name,
			&gh.ListWorkflowRunsOptions{Branch: branch, ExcludePullRequests: true, ListOptions: gh.ListOptions{PerPage: 1}})
		runs = r
		return resp, err
	})
	if err != nil {
		c.extraFailed(snap, "workflow runs", err)
		return ""
	}
	if len(runs.WorkflowRuns) == 0 {
		return ""
	}
	run := runs.WorkflowRuns[0]
	if run.GetConclusion() != "" {
		return run.GetConclusion()
	}
	return run.GetStatus()
}

// bulkCandidate reads the files of the one commit most likely to be a bulk
// upload: the oldest whose subject says upload, else the root commit. The
// commits endpoint carries no file counts, and one detail request keeps
// the budget.
func (c *client) bulkCandidate(ctx context.Context, commits []source.Commit, snap *source.Snapshot) {
	idx := len(commits) - 1
	for i := len(commits) - 1; i >= 0; i-- {
		if strings.Contains(strings.ToLower(commits[i].Subject), "upload") {
			idx = i
			break
		}
	}
	cm := &commits[idx]
	var rc *gh.RepositoryCommit
	resp, err := c.call(immutable(ctx), "GET /repos/"+c.tgt.Repo()+"/commits/"+short(cm.Hash), nil, func(ctx context.Context) (*gh.Response, error) {
		r, resp, err := c.gh.Repositories.GetCommit(ctx, c.tgt.Owner, c.tgt.Name, cm.Hash, nil)
		rc = r
		return resp, err
	})
	if err != nil {
		c.extraFailed(snap, "the files of commit "+short(cm.Hash), err)
		return
	}
	// Counted as the local log counts: dependency folders left out,
	// removals apart so moves are not uploads.
	for _, f := range rc.Files {
		if source.Skipped(f.GetFilename()) {
			continue
		}
		cm.Changed++
		switch f.GetStatus() {
		case "added":
			cm.Added++
		case "removed":
			cm.Deleted++
		}
	}
	if resp != nil && resp.LastPage > 1 {
		// Only the first page of files came back; scale it to estimate.
		cm.Added *= resp.LastPage
		cm.Changed *= resp.LastPage
		cm.Deleted *= resp.LastPage
		snap.Notes = append(snap.Notes, fmt.Sprintf("commit %s changes more files than GitHub lists at once; its count is estimated", short(cm.Hash)))
	}
}

// deploymentURL is the environment URL of the latest deployment when its
// latest status is a success.
func (c *client) deploymentURL(ctx context.Context, snap *source.Snapshot, planned *int, budget int) string {
	*planned++
	var deps []*gh.Deployment
	what := "GET /repos/" + c.tgt.Repo() + "/deployments"
	_, err := c.call(ctx, what, nil, func(ctx context.Context) (*gh.Response, error) {
		d, resp, err := c.gh.Repositories.ListDeployments(ctx, c.tgt.Owner, c.tgt.Name, &gh.DeploymentsListOptions{ListOptions: gh.ListOptions{PerPage: 1}})
		deps = d
		return resp, err
	})
	if err != nil {
		c.extraFailed(snap, "deployments", err)
		return ""
	}
	if len(deps) == 0 {
		return ""
	}
	if *planned >= budget {
		snap.Notes = append(snap.Notes, "the deployment's status was not read (request budget); give the deployed URL with --url")
		return ""
	}
	*planned++
	var statuses []*gh.DeploymentStatus
	id := deps[0].GetID()
	_, err = c.call(ctx, fmt.Sprintf("%s/%d/statuses", what, id), nil, func(ctx context.Context) (*gh.Response, error) {
		s, resp, err := c.gh.Repositories.ListDeploymentStatuses(ctx, c.tgt.Owner, c.tgt.Name, id, &gh.ListOptions{PerPage: 1})
		statuses = s
		return resp, err
	})
	if err != nil {
		c.extraFailed(snap, "deployment statuses", err)
		return ""
	}
	if len(statuses) == 0 || statuses[0].GetState() != "success" {
		return ""
	}
	return statuses[0].GetEnvironmentURL()
}

// extraFailed notes an optional request that failed; the audit goes on
// without it.
func (c *client) extraFailed(snap *source.Snapshot, what string, err error) {
	var e *Error
	if errors.As(err, &e) && e.Kind == NotFound {
		return // Actions or deployments disabled: nothing to read
	}
	snap.Notes = append(snap.Notes, fmt.Sprintf("%s not read: %s", what, oneLine(err.Error())))
}

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// tarball fills dir with the files of sha, from the cache when it holds
// that commit's tarball, else from GitHub (and into the cache).
func (c *client) tarball(ctx context.Context, sha, dir string) (*extracted, error) {
	what := "GET /repos/" + c.tgt.Repo() + "/tarball/" + short(sha)
	var cached string
	if c.cache != nil {
		// Keyed by the API's host: a tarball one server sent is never
		// taken for another server's commit.
		cached = c.cache.tarballPath(c.gh.BaseURL.Host, c.tgt.Owner, c.tgt.Name, sha)
		if f, err := os.Open(cached); err == nil {
			x, err := extract(f, dir, DefaultLimits)
			f.Close()
			if err == nil && x.isCommit(sha) {
				c.opts.Stats.add(func(s *Stats) { s.TarballReused = true })
				return x, nil
			}
			// A damaged cache entry is dropped and the tarball fetched again.
			os.Remove(cached)
			if err := clearDir(dir); err != nil {
				return nil, fmt.Errorf("%s: %w", what, err)
			}
		}
	}
	var link *url.URL
	_, err := c.call(ctx, what, map[int]answer{http.StatusNotFound: {NotFound, fmt.Sprintf("no tarball for %s at %s", c.tgt.Repo(), short(sha))}},
		func(ctx context.Context) (*gh.Response, error) {
			u, resp, err := c.gh.Repositories.GetArchiveLink(ctx, c.tgt.Owner, c.tgt.Name, gh.Tarball, &gh.RepositoryContentGetOptions{Ref: sha}, 0)
			link = u
			return resp, err
		})
	if err != nil {
		return nil, err
	}
	link = c.gh.BaseURL.ResolveReference(link)
	dlWhat := "download tarball of " + c.tgt.Repo() + "@" + short(sha)
	if err := c.guard.checkURL(link); err != nil {
		return nil, &Error{Kind: Network, Request: dlWhat, Msg: err.Error(), Err: err}
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link.String(), nil)
	if err != nil {
		return nil, &Error{Kind: Network, Request: dlWhat, Msg: "bad download URL", Err: err}
	}
	req.Header.Set("User-Agent", "vetfolio")
	idle := newIdleTimer(c.opts.Timeout, cancel)
	defer idle.stop()
	// The idle timer restarts on every byte; a byte every few seconds
	// would keep it alive for ever, so the download has a total bound too.
	total := newIdleTimer(c.opts.DownloadDeadline, cancel)
	defer total.stop()
	resp, err := c.dl.Do(req)
	if err != nil {
		// The server was reached and did not answer: say so, not "cannot reach".
		if idle.fired() {
			return nil, &Error{Kind: Network, Request: dlWhat, Err: errIdle, Msg: fmt.Sprintf("no answer for %s (timeout)", c.opts.Timeout)}
		}
		return nil, c.network(dlWhat, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &Error{Kind: Network, Request: dlWhat, Msg: fmt.Sprintf("the download answered %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))}
	}
	body := &watchedReader{r: resp.Body, idle: idle}
	var r io.Reader = body
	var tmp *os.File
	var spool *cappedWriter
	if cached != "" {
		if err := os.MkdirAll(filepath.Dir(cached), 0o700); err == nil {
			removeStale(filepath.Dir(cached), spoolPattern, staleSpool)
			if tmp, err = os.CreateTemp(filepath.Dir(cached), spoolPattern); err == nil {
				spool = &cappedWriter{w: tmp, left: maxCachedTarball}
				r = io.TeeReader(body, spool)
			}
		}
	}
	x, err := extract(r, dir, DefaultLimits)
	keep := err == nil && x.Complete && x.isCommit(sha)
	if tmp != nil {
		if spool.over || spool.err != nil {
			keep = false
		}
		if cerr := tmp.Close(); cerr != nil {
			keep = false
		}
		if keep && os.Rename(tmp.Name(), cached) == nil {
			pruneTarballs(filepath.Dir(cached), filepath.Base(cached))
		} else {
			os.Remove(tmp.Name())
		}
	}
	if err != nil {
		switch {
		case total.fired():
			return nil, &Error{Kind: Network, Request: dlWhat, Err: err, Msg: fmt.Sprintf("not complete after %s (total timeout)", c.opts.DownloadDeadline)}
		case idle.fired():
			return nil, &Error{Kind: Network, Request: dlWhat, Err: err, Msg: fmt.Sprintf("no data for %s (timeout)", c.opts.Timeout)}
		case body.err != nil && !errors.Is(body.err, io.EOF) && !errors.Is(body.err, io.ErrUnexpectedEOF):
			return nil, c.network(dlWhat, body.err)
		case errors.Is(err, errCorrupt):
			return nil, &Error{Kind: Corrupt, Request: dlWhat, Err: err, Msg: "the tarball is corrupt or truncated: " + strings.TrimPrefix(err.Error(), errCorrupt.Error()+": ")}
		}
		return nil, fmt.Errorf("%s: %w", dlWhat, err)
	}
	return x, nil
}

// maxCachedTarball is the most bytes of a tarball written to the cache:
// what the extraction may keep. An endless stream used to write gigabytes
// into the cache before the decompressed-stream cap stopped it.
var maxCachedTarball = DefaultLimits.MaxTotal

// cappedWriter writes until its limit, then only notes that it overflowed:
// the extraction it is teed from goes on, the cache copy is dropped.
type cappedWriter struct {
	w    io.Writer
	left int64
	over bool
	err  error
}

func (c *cappedWriter) Write(p []byte) (int, error) {
	if c.over || c.err != nil {
		return len(p), nil
	}
	if int64(len(p)) > c.left {
		c.over = true
		return len(p), nil
	}
	c.left -= int64(len(p))
	if _, err := c.w.Write(p); err != nil {
		c.err = err // a full disk costs the cache copy, never the audit
	}
	return len(p), nil
}

// pruneTarballs keeps one tarball per repository: the newest commit's.
func pruneTarballs(dir, keep string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != keep && strings.HasSuffix(e.Name(), ".tar.gz") {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

func clearDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

var errIdle = errors.New("no data received in time")

// idleTimer cancels the download when no data arrives for a while, so a
// stalled connection fails without a cap on how long a large download may
// take.
type idleTimer struct {
	mu       sync.Mutex
	t        *time.Timer
	d        time.Duration
	hasFired bool
}

func newIdleTimer(d time.Duration, cancel context.CancelCauseFunc) *idleTimer {
	it := &idleTimer{d: d}
	it.t = time.AfterFunc(d, func() {
		it.mu.Lock()
		it.hasFired = true
		it.mu.Unlock()
		cancel(errIdle)
	})
	return it
}

func (it *idleTimer) reset() { it.t.Reset(it.d) }
func (it *idleTimer) stop()  { it.t.Stop() }
func (it *idleTimer) fired() bool {
	it.mu.Lock()
	defer it.mu.Unlock()
	return it.hasFired
}

// watchedReader resets the idle timer on every read and keeps the first
// read error, to tell a broken connection from a corrupt archive.
type watchedReader struct {
	r    io.Reader
	idle *idleTimer
	err  error
}

func (w *watchedReader) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if n > 0 {
		w.idle.reset()
	}
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}
