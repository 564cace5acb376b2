// The facts types live in rules/facts, which the detectors, the probe and
// the rubric all import; these aliases keep rules.Facts and friends working
// for programs that score a snapshot through this package.

package rules

import "github.com/vetfolio/vetfolio/rules/facts"

type (
	// Auth is facts.Auth.
	Auth = facts.Auth
	// CI is facts.CI.
	CI = facts.CI
	// Conformance is facts.Conformance.
	Conformance = facts.Conformance
	// Container is facts.Container.
	Container = facts.Container
	// Database is facts.Database.
	Database = facts.Database
	// Deploy is facts.Deploy.
	Deploy = facts.Deploy
	// Dockerfile is facts.Dockerfile.
	Dockerfile = facts.Dockerfile
	// Drift is facts.Drift.
	Drift = facts.Drift
	// ErrorHandling is facts.ErrorHandling.
	ErrorHandling = facts.ErrorHandling
	// Facts is facts.Facts.
	Facts = facts.Facts
	// GraphQL is facts.GraphQL.
	GraphQL = facts.GraphQL
	// History is facts.History.
	History = facts.History
	// Leak is facts.Leak.
	Leak = facts.Leak
	// Live is facts.Live.
	Live = facts.Live
	// LiveHeaders is facts.LiveHeaders.
	LiveHeaders = facts.LiveHeaders
	// Location is facts.Location.
	Location = facts.Location
	// Logging is facts.Logging.
	Logging = facts.Logging
	// Migrations is facts.Migrations.
	Migrations = facts.Migrations
	// OpenAPI is facts.OpenAPI.
	OpenAPI = facts.OpenAPI
	// Readme is facts.Readme.
	Readme = facts.Readme
	// Routes is facts.Routes.
	Routes = facts.Routes
	// Scope is facts.Scope.
	Scope = facts.Scope
	// Secret is facts.Secret.
	Secret = facts.Secret
	// Security is facts.Security.
	Security = facts.Security
	// Stack is facts.Stack.
	Stack = facts.Stack
	// Sources is facts.Sources.
	Sources = facts.Sources
	// Structure is facts.Structure.
	Structure = facts.Structure
	// Tests is facts.Tests.
	Tests = facts.Tests
)
