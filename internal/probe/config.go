package probe

import (
	"crypto/x509"
	"log/slog"
	"time"
)

// Limits of a probe; Config values above them are lowered to them.
const (
	// MaxRequests is the most requests one audit sends.
	MaxRequests = 40
	// DefaultRequestTimeout bounds one request, body included.
	DefaultRequestTimeout = 10 * time.Second
	// DefaultBudget bounds the whole probe.
	DefaultBudget = 60 * time.Second
	// MaxBody is the most bytes read from one response body.
	MaxBody = 1 << 20
	// MaxRedirects is the most redirects followed for one request.
	MaxRedirects = 5
	// DefaultConcurrency is how many requests run at once.
	DefaultConcurrency = 4
	// DefaultColdStart is the first-answer latency above which a fast
	// second answer makes the service a sleeping free tier waking up.
	DefaultColdStart = 5 * time.Second
)

// Config is one probe of a deployed URL.
type Config struct {
	// URL is the deployed service's base URL (http or https).
	URL string
	// UserGiven is true when the user gave URL (--url): it may point
	// anywhere, localhost included. A URL found in the repository or on
	// GitHub is refused on non-public addresses unless AllowPrivate.
	UserGiven bool
	// AllowPrivate lifts the refusal of non-public addresses.
	AllowPrivate bool

	// MaxRequests caps the requests sent (0 or above 40 means 40).
	MaxRequests int
	// RequestTimeout bounds each request, reading its body included
	// (0 means 10 s).
	RequestTimeout time.Duration
	// Budget bounds the whole probe (0 means 60 s).
	Budget time.Duration
	// MaxBody caps the bytes read from each body (0 or above 1 MiB means 1 MiB).
	MaxBody int64
	// Concurrency is how many requests run at once (0 means 4, at most 8).
	Concurrency int
	// ColdStart is the first-answer latency that counts as slow (0 means 5 s).
	ColdStart time.Duration
	// UserAgent is sent with every request; Version fills the default,
	// "vetfolio/<version> (+https://github.com/vetfolio/vetfolio)".
	UserAgent string
	Version   string
	// RootCAs verifies TLS certificates; nil means the system's roots.
	RootCAs *x509.CertPool

	// Framework is the detected framework (fastapi, spring-boot, ...); it
	// orders the well-known docs and spec paths tried first.
	Framework string
	// HealthPath is the health route found in the code, tried first.
	HealthPath string
	// RepoSpec is the repository's OpenAPI document, used for drift and,
	// when no live document is served, for conformance and auth checks.
	RepoSpec     []byte
	RepoSpecPath string
	// RepoOperations are the repository document's "METHOD /path"
	// operations (facts.OpenAPI.OperationKeys), for drift.
	RepoOperations []string
	// Routes are "METHOD /path" routes found in the code, compared with a
	// live document when the repository has none.
	Routes []string
	// GraphQLServer is the GraphQL server found in the code (apollo,
	// gqlgen, graphene, ...; facts.GraphQL.Server), "" when none. With one,
	// the GraphQL endpoint and IDE are looked for among the well-known
	// paths; without, one /graphql request is made only when no OpenAPI
	// document was found live.
	GraphQLServer string
	// GraphQLPath is the route the code mounts the GraphQL server on
	// (/graphql/, /api/v1/graphql), tried first.
	GraphQLPath string

	// Now stamps the result and counts certificate days; zero means time.Now.
	Now func() time.Time
	Log *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.MaxRequests <= 0 || c.MaxRequests > MaxRequests {
		c.MaxRequests = MaxRequests
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	if c.Budget <= 0 {
		c.Budget = DefaultBudget
	}
	if c.MaxBody <= 0 || c.MaxBody > MaxBody {
		c.MaxBody = MaxBody
	}
	if c.Concurrency <= 0 {
		c.Concurrency = DefaultConcurrency
	}
	if c.Concurrency > 8 {
		c.Concurrency = 8
	}
	if c.ColdStart <= 0 {
		c.ColdStart = DefaultColdStart
	}
	if c.UserAgent == "" {
		v := c.Version
		if v == "" {
			v = "dev"
		}
		c.UserAgent = "vetfolio/" + v + " (+https://github.com/vetfolio/vetfolio)"
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return c
}
