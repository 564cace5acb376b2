// Package audit runs the pipeline for one target: open a snapshot, collect
// its facts, probe the deployed URL, score, and hand back a scorecard.
package audit

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/vetfolio/vetfolio/internal/collect"
	"github.com/vetfolio/vetfolio/internal/config"
	"github.com/vetfolio/vetfolio/internal/probe"
	"github.com/vetfolio/vetfolio/internal/source"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/rules"
)

// Request is one audit to run.
type Request struct {
	// Target is a folder, owner/repo or a GitHub URL.
	Target string
	// Label names the target in cohort reports.
	Label string
	// URL is the deployed URL given by the user; it wins over any found.
	URL string
	// Profile weights the criteria. Its zero value means the configuration
	// file's profile, else the default; a named profile wins over the file.
	Profile rules.Profile
	// Config is the configuration to apply (--config); nil means the
	// .vetfolio.yaml at the target's root, if there is one.
	Config *config.Config
	// FailUnder is --fail-under when given; it wins over the
	// configuration's fail_under in the scorecard's record. The caller
	// judges the thresholds.
	FailUnder *int
	// Offline forbids every network request: no GitHub, no live probe.
	Offline bool
	// Strict leaves out what the audited repository's own .vetfolio.yaml
	// would change in the rubric (checks turned off, weights, profile), so
	// a reviewer scores every project on the same rubric. A --config file
	// the auditor gives still applies.
	Strict bool
	// Now is the time of the audit; zero means time.Now.
	Now time.Time
	// Version is the tool version written into the report.
	Version string
	Log     *slog.Logger

	// Ref is the branch, tag or SHA of a GitHub target (default branch
	// when empty).
	Ref string
	// NoCache bypasses the on-disk cache of GitHub answers and tarballs.
	NoCache bool
	// Wait waits for an exhausted GitHub rate limit instead of failing.
	Wait bool
	// CommitCap is the most commits read from GitHub (0: the default, 1,000).
	CommitCap int
	// Env looks up environment variables (GITHUB_TOKEN, GITHUB_API_URL,
	// VETFOLIO_CACHE_DIR); nil means the process environment.
	Env func(string) (string, bool)
	// Progress receives progress a user waits on, such as the rate-limit
	// countdown (standard error); nil means none.
	Progress io.Writer
	// Transport sends the GitHub requests; nil means the default. A cohort
	// gives every audit one *github.Budget so they share a connection pool
	// and a rate-limit budget.
	Transport http.RoundTripper

	// AllowPrivate lets the probe connect to loopback, private and
	// link-local addresses for a URL found in the repository or on GitHub
	// (a URL given with URL is always allowed).
	AllowPrivate bool
	// MaxRequests caps the live probe's requests (0: the default, 40; never more).
	MaxRequests int
	// AuthHeaders are credentials for the probe's look at the secured GET
	// operations (--header); never logged or reported.
	AuthHeaders http.Header
	// ProbeTimeout bounds each probe request (0: 10 s); ProbeBudget the
	// whole probe (0: 60 s).
	ProbeTimeout time.Duration
	ProbeBudget  time.Duration
	// RootCAs verifies the deployed service's certificate; nil means the
	// system's roots (tests give their server's pool).
	RootCAs *x509.CertPool
}

// Run audits one target.
func Run(ctx context.Context, req Request) (*rules.Scorecard, error) {
	req = withDefaults(req)
	snap, err := Open(ctx, req)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	set, err := configure(snap, req)
	if err != nil {
		return nil, err
	}

	f, notes, err := collectFacts(ctx, snap, req, "audit")
	if err != nil {
		return nil, err
	}
	if err := backendFound(f, snap); err != nil {
		return nil, err
	}
	resolveURL(f, req, snap, set.url)
	// Whatever happens next, a credential in the URL is never reported;
	// the probe gets the URL as found and strips it itself.
	rawURL := f.Deploy.URL
	f.Deploy.URL = probe.RedactURL(rawURL)
	var probeNotes []string
	switch {
	case req.Offline:
		f.ProbeSkipped = "--offline: the deployed URL was not tried"
	case f.Deploy.URL == "":
		f.ProbeSkipped = "no deployed URL is known (give one with --url)"
	default:
		probeNotes = runProbe(ctx, f, rawURL, req, snap)
	}

	inlineNotes := applyInline(f, req, &set)
	sc := rules.ScoreWith(f, set.profile, set.scoring)
	sc.Config = set.applied
	sc.Tool = rules.Tool{Name: "vetfolio", Version: req.Version}
	sc.AuditedAt = req.Now.UTC().Format(time.RFC3339)
	sc.Target = rules.Target{Kind: snap.Kind, Repo: snap.Repo, Commit: snap.Commit, URL: f.Deploy.URL, Label: req.Label}
	if snap.Kind == "local" {
		sc.Target.Path = snap.Display
		if snap.Remote != "" {
			sc.Target.Remote, sc.Target.Folder = snap.Remote, snap.RepoFolder
		}
	}
	sc.Notes = slices.Concat(sc.Notes, snap.Notes, notes, inlineNotes, probeNote(f), probeNotes)
	return sc, nil
}

// NoBackendError is a target with no backend project in it: a notes
// folder, a frontend-only app, a language no detector reads. Scoring it
// would report a score for an API that is not there.
type NoBackendError struct {
	// Dir is the audited folder or repository, as the report shows it.
	Dir string
	// LookedFor says what was looked for; Found what was there instead
	// ("a react frontend"), or "".
	LookedFor, Found string
}

func (e *NoBackendError) Error() string {
	msg := fmt.Sprintf("no backend project found in %s (looked for %s)", e.Dir, e.LookedFor)
	if e.Found != "" {
		msg += "; found " + e.Found + " only"
	}
	return msg
}

// frontendDeps are the dependencies of a browser app.
var frontendDeps = []string{"react", "vue", "@angular/core", "svelte", "preact", "solid-js"}

// backendFound returns a NoBackendError when the facts show no backend:
// no source in any language read, or a JavaScript frontend with no server
// framework and no route.
func backendFound(f *rules.Facts, snap *source.Snapshot) error {
	var found string
	switch {
	case f.Stack.Language == "":
	case f.Stack.Framework == "" && f.Endpoints == 0 && f.Stack.HasDep(frontendDeps...):
		for _, d := range frontendDeps {
			if f.Stack.HasDep(d) {
				found = "a " + d + " frontend"
				break
			}
		}
	default:
		return nil
	}
	var names []string
	for _, pk := range stacks.All() {
		names = append(names, pk.Name)
	}
	dir := snap.Display
	if dir == "" {
		dir = snap.Repo
	}
	return &NoBackendError{Dir: dir, Found: found,
		LookedFor: "the manifests and source of a " + strings.Join(names, ", ") + " server"}
}

func probeNote(f *rules.Facts) []string {
	if f.ProbeSkipped == "" {
		return nil
	}
	return []string{"live probe skipped: " + f.ProbeSkipped}
}

// resolveURL settles the deployed URL: the user's --url first, then the
// configuration file's, then what the hosting platform knows, then what
// the README links to (already in the facts).
func resolveURL(f *rules.Facts, req Request, snap *source.Snapshot, configURL string) {
	switch {
	case req.URL != "":
		f.Deploy.URL, f.Deploy.URLSource = req.URL, "flag"
	case configURL != "":
		f.Deploy.URL, f.Deploy.URLSource = configURL, "config"
	case snap.Meta.Homepage != "":
		f.Deploy.URL, f.Deploy.URLSource = snap.Meta.Homepage, "homepage"
	case snap.Meta.DeploymentURL != "":
		f.Deploy.URL, f.Deploy.URLSource = snap.Meta.DeploymentURL, "deployment"
	}
}

// Facts reads one target's facts the way Run does, without the live
// probe, the configuration or a score: what `vetfolio schema` draws.
func Facts(ctx context.Context, req Request) (*rules.Facts, error) {
	req = withDefaults(req)
	snap, err := Open(ctx, req)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	f, _, err := collectFacts(ctx, snap, req, "read")
	return f, err
}

func withDefaults(req Request) Request {
	if req.Now.IsZero() {
		req.Now = time.Now()
	}
	if req.Log == nil {
		req.Log = slog.New(slog.DiscardHandler)
	}
	return req
}

// collectFacts runs the detectors over the snapshot; verb says what was
// being done in an error that does not name the target already.
func collectFacts(ctx context.Context, snap *source.Snapshot, req Request, verb string) (*rules.Facts, []string, error) {
	f, notes, err := collect.Collect(ctx, snap, collect.Options{Now: req.Now})
	if err != nil {
		var target *source.TargetError
		if errors.As(err, &target) {
			return nil, nil, err // it names the target already
		}
		return nil, nil, fmt.Errorf("%s %s: %w", verb, req.Target, err)
	}
	return f, notes, nil
}
