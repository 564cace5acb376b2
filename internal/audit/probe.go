package audit

import (
	"context"
	"fmt"
	"strings"

	"github.com/vetfolio/vetfolio/internal/collect"
	"github.com/vetfolio/vetfolio/internal/probe"
	"github.com/vetfolio/vetfolio/internal/source"
	"github.com/vetfolio/vetfolio/rules"
)

// urlSources says in words where the deployed URL came from.
var urlSources = map[string]string{
	"flag":       "given with --url",
	"config":     "from the config file",
	"homepage":   "the GitHub homepage field",
	"deployment": "the latest successful GitHub deployment",
	"readme":     "a link in the README",
}

// runProbe tries the deployed URL with the repository's OpenAPI document
// and routes at hand, fills f.Live and returns notes for the report. It
// must run while snap is open: the document is read from it.
func runProbe(ctx context.Context, f *rules.Facts, rawURL string, req Request, snap *source.Snapshot) []string {
	cfg := probe.Config{
		URL:            rawURL,
		UserGiven:      f.Deploy.URLSource == "flag",
		AllowPrivate:   req.AllowPrivate,
		MaxRequests:    req.MaxRequests,
		RequestTimeout: req.ProbeTimeout,
		Budget:         req.ProbeBudget,
		RootCAs:        req.RootCAs,
		Version:        req.Version,
		Framework:      f.Stack.Framework,
		HealthPath:     f.Logging.HealthPath,
		RepoOperations: f.OpenAPI.OperationKeys,
		Routes:         f.Routes.List,
		GraphQLServer:  f.GraphQL.Server,
		GraphQLPath:    graphQLRoute(f),
		Log:            req.Log,
	}
	if f.OpenAPI.Kind == "static-file" && f.OpenAPI.Path != "" {
		if data, err := snap.ReadFile(f.OpenAPI.Path, collect.MaxScanBytes); err == nil {
			cfg.RepoSpec, cfg.RepoSpecPath = data, f.OpenAPI.Path
		}
	}
	src := urlSources[f.Deploy.URLSource]
	if src == "" {
		src = f.Deploy.URLSource
	}
	req.Log.Debug("probing the deployed URL", "source", f.Deploy.URLSource)
	live := probe.Run(ctx, cfg)
	live.Checked = req.Now
	if !live.Reachable && unreachableHere(live.Error) && noNetwork(ctx) {
		// Not the deployment's fault: the live checks are skipped, not failed.
		f.ProbeSkipped = "could not check: no network here (" + live.Error + ", and no other host name resolves)"
		return []string{fmt.Sprintf("deployed URL %s (%s): not checked, this machine has no network", f.Deploy.URL, src)}
	}
	f.Live = live
	notes := []string{fmt.Sprintf("deployed URL %s (%s): %d requests", f.Deploy.URL, src, live.Requests)}
	if live.ColdStart {
		notes = append(notes, fmt.Sprintf("live probe: cold start: the first answer took %d ms, the next %d ms (a sleeping free tier waking up, not an outage)", live.FirstLatencyMS, live.LatencyMS))
	}
	for _, n := range live.Notes {
		notes = append(notes, "live probe: "+n)
	}
	return notes
}

// graphQLRoute is the route the code mounts its GraphQL server on
// ("POST /api/graphql" gives /api/graphql), "" when none was found.
func graphQLRoute(f *rules.Facts) string {
	if f.GraphQL.Server == "" {
		return ""
	}
	for _, r := range f.Routes.List {
		_, path, ok := strings.Cut(r, " ")
		if !ok {
			continue
		}
		for seg := range strings.SplitSeq(strings.ToLower(path), "/") {
			if seg == "graphql" {
				return path
			}
		}
	}
	return ""
}
