// Package probe tries a deployed URL the way a hiring manager would, and
// safely: only GET, HEAD and OPTIONS requests, a capped number of them, a
// timeout per request and a total budget, bodies read up to a cap, few
// redirects, a handful at a time, and a User-Agent that names vetfolio.
//
// A URL found in the repository or on GitHub (not given by the user) is
// never connected to when it resolves to a loopback, private, link-local,
// metadata, CGNAT or unspecified address. The check runs in the dialer's
// Control function, on the address actually dialled, so DNS rebinding and
// redirects cannot get round it.
//
// Run fills a facts.Live: reachability, status, latency (with cold starts
// of sleeping free tiers told apart from outages), HTTPS and the
// certificate, the hosting platform, health and docs endpoints, the live
// OpenAPI document (loaded and validated with kin-openapi, compared with
// the repository's document or routes), conformance of the responses to
// the document (openapi3filter), auth enforcement on secured operations,
// JSON 404s, leaks (stack traces, debug pages, SQL errors, internal paths,
// server versions) and the security headers an API should send. A GraphQL
// API is recognised by its endpoint answering GET ?query={__typename} (the
// only query ever sent; never a POST, never a mutation) and by its IDE
// page (GraphiQL, Apollo Sandbox, Playground, Altair).
package probe
