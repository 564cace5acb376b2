package ruby

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// fixes are the Ruby group's fix texts by check ID for any Rack app
// (Sinatra, Grape, Hanami); Rails projects get RailsFixes first.
var fixes = pack.Fixes{
	"auth.password-hashing": {"Hash passwords with the `bcrypt` gem (`BCrypt::Password.create(password)`) and compare with `BCrypt::Password.new(digest) == password`"},
	"auth.no-hardcoded-key": {"Read the signing key from `ENV.fetch(\"JWT_SECRET\")`, never a string in the code", "Rotate the committed key"},
	"tests.present":         {"Add `rspec` with `rack-test` and write specs that call the endpoints and assert the status and JSON"},
	"tests.ci-runs-tests":   {"Add a CI step that runs `bundle exec rspec`"},
	"security.rate-limit":   {"Add `rack-attack` and `throttle` the login endpoint per IP"},
	"security.cors":         {"Add `rack-cors` and allow only the client's origins"},
}

// RailsFixes are the remediation steps for a Rails project, keyed by check
// ID. Each names Rails' own tools (has_secure_password, rswag, rack-attack,
// lograge, ...), never another stack's.
var RailsFixes = pack.Join(pack.Fixes{
	"api-docs.live-conformance": {
		"Give each rswag operation a `schema` for its responses (`response '200', 'books' do schema type: :array, items: { '$ref' => '#/components/schemas/Book' }`) and regenerate swagger.yaml, so the document matches what the controllers render",
	},
	"api-docs.live-drift": {
		"Regenerate swagger/v1/swagger.yaml from the request specs in CI (`bundle exec rake rswag:specs:swaggerize`) and fail the build when it changes, so it lists the routes config/routes.rb serves",
	},
	"deployment.live": {
		"Start the app with `bin/rails server -b 0.0.0.0 -p $PORT` (or `bundle exec puma -C config/puma.rb`), `RAILS_ENV=production` and `RAILS_MASTER_KEY` set, after `bin/rails db:migrate`",
	},
	"deployment.security-headers": {
		"Set `config.force_ssl = true` in config/environments/production.rb (HSTS and the HTTPS redirect); Rails adds `X-Content-Type-Options: nosniff` itself",
	},
	"deployment.dockerfile": {
		"Add the Dockerfile `rails new` writes (Rails 7.1+: `bin/rails app:update` regenerates it): `FROM ruby:3.3-slim`, `bundle install` without development and test, `CMD bin/rails server -b 0.0.0.0`",
	},
	"deployment.pinned-base": {
		"Pin the base image to a version, e.g. `ARG RUBY_VERSION=3.3.0` and `FROM ruby:$RUBY_VERSION-slim` instead of `ruby` or `ruby:latest`",
	},
	"deployment.non-root": {
		"Run as a user in the final stage: `RUN useradd rails --create-home --shell /bin/bash && chown -R rails:rails db log storage tmp` then `USER rails`",
	},
	"deployment.multi-stage": {
		"Install gems in a `FROM ruby:3.3-slim AS build` stage with build-essential and libpq-dev, then copy `/usr/local/bundle` and the app into a slim final stage without compilers",
	},
	"deployment.dockerignore": {
		"Add a .dockerignore listing `.git`, `log/*`, `tmp/*`, `storage/*`, `.env*` and `/config/master.key`",
	},
	"readme.setup": {
		"Add a Getting started section with the commands in a ```bash block: `bundle install`, `bin/rails db:create db:migrate`, `bin/rails server`",
	},
	"readme.configuration": {
		"Add a Configuration section to the README: the environment variables (`DATABASE_URL`, `JWT_SECRET`, `RAILS_MASTER_KEY`) and what each does, and commit a `.env.example` for dotenv-rails",
	},
	"readme.api-docs": {
		"Link the rswag Swagger UI (`/api-docs`) and swagger/v1/swagger.yaml from an API section of the README, with a table of the main endpoints",
	},
	"security.env-ignored": {
		"Commit a `.env.example` with placeholder values and load the real .env with dotenv-rails in development only; keep production secrets in `bin/rails credentials:edit`",
	},
	"scope.extras": {
		"Do slow work in the background with Active Job (Solid Queue or Sidekiq): send emails with Action Mailer `deliver_later`, or cache hot reads with `Rails.cache.fetch`",
	},
	"scope.layered": {
		"Keep controllers thin: move business rules into service objects in app/services (`Books::Create.call(user, params)`) and queries into model scopes",
	},
	"auth.mechanism": {
		"Add the `jwt` and `bcrypt` gems, give User `has_secure_password`, and issue a token from a login action with `JWT.encode({ sub: user.id, exp: 1.hour.from_now.to_i }, ENV.fetch(\"JWT_SECRET\"), \"HS256\")`",
		"Or add `devise` with `devise-jwt` and `:jwt_authenticatable` on the User model",
	},
	"auth.protected-routes": {
		"Add `before_action :authenticate_user!` to ApplicationController (decode the `Authorization: Bearer` token with `JWT.decode` and render 401 when it fails), and `skip_before_action :authenticate_user!, only: %i[login signup]` where anonymous access is intended",
	},
	"auth.password-hashing": {
		"Add the `bcrypt` gem and `has_secure_password` to the User model (a `password_digest` column); check logins with `user.authenticate(params[:password])`",
	},
	"auth.no-hardcoded-key": {
		"Read the signing key from `ENV.fetch(\"JWT_SECRET\")` or `Rails.application.credentials.jwt_secret` (set `RAILS_MASTER_KEY` on the host), never a string in the code",
		"Rotate the committed key",
	},
	"auth.live-enforced": {
		"Redeploy with the `before_action :authenticate_user!` controllers and check that a request without a token gets 401",
	},
	"database.relational": {
		"Use PostgreSQL (`gem \"pg\"`, `adapter: postgresql` in config/database.yml, `url: <%= ENV[\"DATABASE_URL\"] %>` in production)",
	},
	"database.migrations": {
		"Create tables with `bin/rails generate migration` (or `generate model`) and commit `db/migrate/` and `db/schema.rb`; apply them with `bin/rails db:migrate`",
	},
	"database.migration-history": {
		"Change the schema with a new migration per change (`bin/rails generate migration AddStatusToBooks status:string`) instead of editing old ones",
	},
	"database.models": {
		"Declare each table as an Active Record model (`class Book < ApplicationRecord`) in app/models",
	},
	"database.relationships": {
		"Relate models with `belongs_to :user` / `has_many :books, dependent: :destroy`, and back them with `t.references :user, foreign_key: true` in the migration",
	},
	"api-docs.present": {
		"Add `rswag` (rswag-api, rswag-ui, rswag-specs), run `bin/rails g rswag:install`, describe the endpoints in `spec/requests/*_spec.rb` and commit the generated `swagger/v1/swagger.yaml` (`bundle exec rake rswag:specs:swaggerize`)",
	},
	"api-docs.valid": {
		"Regenerate `swagger/v1/swagger.yaml` with `bundle exec rake rswag:specs:swaggerize` and check it in Swagger Editor",
	},
	"api-docs.described": {
		"Give every rswag operation a summary: `get 'Lists books' do … end` and a `description`",
	},
	"api-docs.error-responses": {
		"Add `response '401'`, `response '404'` and `response '422'` blocks to the rswag specs so the errors are documented",
	},
	"api-docs.security-schemes": {
		"Declare `components: { securitySchemes: { bearerAuth: { type: :http, scheme: :bearer, bearerFormat: 'JWT' } } }` in `spec/swagger_helper.rb` and `security [bearerAuth: []]` on the protected operations",
	},
	"api-docs.live": {
		"Mount `Rswag::Ui::Engine` and `Rswag::Api::Engine` at `/api-docs` in config/routes.rb (also in production) and redeploy",
	},
	"deployment.config": {
		"Commit the Dockerfile `rails new` generates (or write one running `bin/rails server -b 0.0.0.0`), plus the platform's config: `fly launch` writes fly.toml, Render reads render.yaml, Kamal config/deploy.yml",
	},
	"errors.central-handler": {
		"Rescue errors once in ApplicationController: `rescue_from ActiveRecord::RecordNotFound, with: :not_found`, `rescue_from ActiveRecord::RecordInvalid, with: :unprocessable`, `rescue_from ActionController::ParameterMissing, with: :bad_request`, each rendering `{ error:, message: }` as JSON",
	},
	"errors.status-codes": {
		"Answer with the right status: `render json: …, status: :not_found` / `:unprocessable_entity` / `:unauthorized` / `:forbidden`, not 200 with an error body",
	},
	"errors.live-json-404": {
		"Set `config.consider_all_requests_local = false` in production and render JSON for unknown paths: a last route `match '*path', to: 'application#not_found', via: :all` or `config.exceptions_app`",
	},
	"errors.no-leaks": {
		"Keep `config.consider_all_requests_local = false` in config/environments/production.rb and deploy with `RAILS_ENV=production`",
	},
	"tests.present": {
		"Add `rspec-rails` (`bin/rails g rspec:install`) and write request specs in spec/requests that call the API and assert the status and JSON (or minitest integration tests in test/)",
	},
	"tests.depth": {
		"Replace the generated stubs (`pending \"add some examples\"`, commented `test \"the truth\"`) with request specs for each controller, including the 401/404/422 paths",
	},
	"tests.ci": {
		"Add `.github/workflows/ci.yml` with `ruby/setup-ruby@v1` (`bundler-cache: true`), a postgres service, `bin/rails db:schema:load` and `bundle exec rspec`",
	},
	"tests.ci-runs-tests": {
		"Add a step that runs the tests: `bundle exec rspec` (or `bin/rails db:test:prepare test`)",
	},
	"logging.configured": {
		"Add `lograge` and set `config.lograge.enabled = true` with `config.lograge.formatter = Lograge::Formatters::Json.new` in config/environments/production.rb; log with `Rails.logger.info`",
	},
	"logging.requests": {
		"Enable `lograge` (`config.lograge.enabled = true`) for one line per request, and tag lines with `config.log_tags = [:request_id]`",
	},
	"logging.health": {
		"Add `get \"up\" => \"rails/health#show\", as: :rails_health_check` to config/routes.rb (Rails 7.1+) and point the platform's health check at /up",
	},
	"security.validation": {
		"Validate models (`validates :title, presence: true, length: { maximum: 200 }`) and accept only permitted params (`params.require(:book).permit(:title, :author)`)",
	},
	"security.rate-limit": {
		"Add `rack-attack` with `throttle(\"logins/ip\", limit: 5, period: 20.seconds) { |req| req.ip if req.path == \"/api/v1/auth/login\" && req.post? }` in config/initializers/rack_attack.rb (or Rails 8's `rate_limit to: 10, within: 1.minute` in the controller)",
	},
	"security.cors": {
		"Add `rack-cors` and list the client's origin in config/initializers/cors.rb: `origins ENV.fetch(\"CORS_ORIGINS\").split(\",\")`",
	},
	"security.cors-no-wildcard": {
		"Replace `origins \"*\"` in config/initializers/cors.rb with the client's origins from an environment variable",
	},
	"security.no-secrets": {
		"Remove config/master.key from git (`git rm --cached config/master.key`, keep `/config/master.key` in .gitignore), run `bin/rails credentials:edit` to move secrets into the encrypted credentials, and set `RAILS_MASTER_KEY` on the host",
		"Rotate every committed credential",
	},
	"security.env-not-committed": {
		"`git rm --cached .env`, add `.env` to .gitignore and commit a `.env.example` with placeholder values (dotenv-rails reads `.env` locally)",
	},
	"scope.pagination": {
		"Paginate list actions with `kaminari` (`Book.page(params[:page]).per(20)`) or `pagy`, and return the page and total in the JSON",
	},
	"scope.relations": {
		"Nest related resources in config/routes.rb (`resources :books do resources :reviews, only: %i[index create] end`) over `belongs_to`/`has_many` models",
	},
	"scope.endpoints": {
		"Add the endpoints a real client needs (sign-up, login, `me`, update and delete) with `resources` in config/routes.rb",
	},
}, railsSchemaFixes)
