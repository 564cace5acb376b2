// Package ruby is what vetfolio knows about Ruby web projects, Rails first:
// routes from config/routes.rb, which actions a before_action protects,
// Active Record migrations, models and associations, authentication gems,
// rescue_from error handling, logging, rswag/grape-swagger OpenAPI, RSpec
// and minitest files that hold real examples (not the generators' stubs),
// CI test commands, health endpoints and Rails' committed keys.
//
// Everything here is a pure function over file paths and contents, so the
// concern detectors can ask it without this package reading any file.
package ruby
