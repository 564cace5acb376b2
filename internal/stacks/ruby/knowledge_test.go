package ruby

import (
	"slices"
	"testing"
)

func TestMigration(t *testing.T) {
	cases := []struct {
		path, src string
		ok        bool
		engine    string
	}{
		{"db/migrate/20240108183000_create_users.rb", "class CreateUsers < ActiveRecord::Migration[7.1]\nend\n", true, ""},
		{"db/migrate/20160712045707_devise_create_users.rb", "# frozen_string_literal: true\nclass DeviseCreateUsers < ActiveRecord::Migration[7.0]\nend\n", true, ""},
		{"db/migrate/20160712054809_acts_as_taggable_on_migration.acts_as_taggable_on_engine.rb", "class ActsAsTaggableOnMigration < ActiveRecord::Migration\nend\n", true, "acts_as_taggable_on_engine"},
		{"db/migrate/20240129183000_create_action_text_tables.rb", "# This migration comes from action_text (originally 20180528164100)\nclass CreateActionTextTables < ActiveRecord::Migration[6.0]\nend\n", true, "action_text"},
		{"db/schema.rb", "ActiveRecord::Schema[7.1].define(version: 1) do\nend\n", false, ""},
		{"db/queue_migrate/20240101000000_create_solid_queue.rb", "", false, ""},
	}
	for _, c := range cases {
		ok, engine := Migration(c.path, []byte(c.src))
		if ok != c.ok || engine != c.engine {
			t.Errorf("Migration(%s) = %v %q, want %v %q", c.path, ok, engine, c.ok, c.engine)
		}
	}
}

func TestRelationsAndModels(t *testing.T) {
	model := "class Book < ApplicationRecord\n  belongs_to :user\n  # has_many :notes\n  has_many :reviews, dependent: :destroy\nend\n"
	if got := Relations("app/models/book.rb", []byte(model)); !slices.Equal(got, []int{2, 4}) {
		t.Errorf("model associations at %v, want [2 4] (the commented one is not)", got)
	}
	if got := Relations("app/models/todo.rb", []byte("class Todo < ApplicationRecord\nend\n")); len(got) != 0 {
		t.Errorf("a model without associations: %v", got)
	}
	schema := "ActiveRecord::Schema[7.1].define(version: 1) do\n  create_table \"books\" do |t|\n  end\n  add_foreign_key \"books\", \"users\"\nend\n"
	if got := Relations("db/schema.rb", []byte(schema)); !slices.Equal(got, []int{4}) {
		t.Errorf("schema foreign key at %v, want [4]", got)
	}
	if got := Relations("db/queue_schema.rb", []byte(schema)); len(got) != 0 {
		t.Errorf("Solid Queue's schema is the framework's: %v", got)
	}
	mig := "class CreateReviews < ActiveRecord::Migration[7.1]\n  def change\n    create_table :reviews do |t|\n      t.references :book, null: false, foreign_key: true\n    end\n  end\nend\n"
	if got := Relations("db/migrate/20240101000000_create_reviews.rb", []byte(mig)); !slices.Equal(got, []int{4}) {
		t.Errorf("migration reference at %v, want [4]", got)
	}
	if got := Relations("db/migrate/20240101000000_create_active_storage_tables.active_storage.rb", []byte(mig)); len(got) != 0 {
		t.Errorf("an engine's migration relates the engine's tables: %v", got)
	}

	if got := Models([]byte("class ApplicationRecord < ActiveRecord::Base\n  primary_abstract_class\nend\n")); len(got) != 0 {
		t.Errorf("ApplicationRecord is abstract: %v", got)
	}
	if got := Models([]byte(model)); len(got) != 1 || got[0].Name != "Book" || got[0].Line != 1 {
		t.Errorf("models %v", got)
	}
}

func kinds(ss []Signal) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Kind+"/"+s.Name)
	}
	return out
}

func TestAuthSignals(t *testing.T) {
	cases := []struct {
		src  string
		want []string
	}{
		{"def self.encode(payload)\n  JWT.encode(payload, SECRET, \"HS256\")\nend\n", []string{"jwt/jwt"}},
		{"class User < ApplicationRecord\n  devise :database_authenticatable, :jwt_authenticatable, jwt_revocation_strategy: self\nend\n", []string{"jwt/devise-jwt", "session/devise"}},
		{"class User < ApplicationRecord\n  devise :database_authenticatable, :registerable\nend\n", []string{"session/devise"}},
		{"class ApplicationController < ActionController::API\n  include DeviseTokenAuth::Concerns::SetUserByToken\nend\n", []string{"api-key/devise_token_auth"}},
		{"# JWT.encode(payload, key)  -- TODO\ngem 'jwt'\n", nil},
	}
	for _, c := range cases {
		if got := kinds(AuthSignals([]byte(c.src))); !slices.Equal(got, c.want) {
			t.Errorf("AuthSignals(%q) = %v, want %v", c.src, got, c.want)
		}
	}
}

func TestHashingSignals(t *testing.T) {
	if got := kinds(HashingSignals([]byte("class User < ApplicationRecord\n  has_secure_password\nend\n"))); !slices.Equal(got, []string{"bcrypt/has_secure_password"}) {
		t.Errorf("has_secure_password: %v", got)
	}
	if got := kinds(HashingSignals([]byte("devise :database_authenticatable, :registerable,\n       :recoverable\n"))); !slices.Equal(got, []string{"bcrypt/devise"}) {
		t.Errorf("devise: %v", got)
	}
	if got := kinds(HashingSignals([]byte("hash = Argon2::Password.create(password)\n"))); !slices.Equal(got, []string{"argon2/argon2"}) {
		t.Errorf("argon2: %v", got)
	}
	// The bcrypt gem in a Gemfile hashes nothing; a login that never
	// checks a password is not hashing.
	if got := HashingSignals([]byte("gem 'bcrypt', '~> 3.1.7'\n# has_secure_password\n")); len(got) != 0 {
		t.Errorf("no hashing expected: %v", kinds(got))
	}
}

func TestHardcodedKeys(t *testing.T) {
	literal := "class ApplicationController < ActionController::API\n  def encode_token(payload)\n    JWT.encode(payload, 'yourSecret')\n  end\n  def decoded\n    JWT.decode(token, 'yourSecret', true, algorithm: 'HS256')\n  end\nend\n"
	if got := HardcodedKeys([]byte(literal)); !slices.Equal(got, []int{3, 6}) {
		t.Errorf("literal JWT keys at %v, want [3 6]", got)
	}
	constant := "class JsonWebToken\n  SECRET_KEY = \"s3cr3t-signing-key\".freeze\n  def self.encode(p) = JWT.encode(p, SECRET_KEY)\nend\n"
	if got := HardcodedKeys([]byte(constant)); !slices.Equal(got, []int{2}) {
		t.Errorf("constant key at %v, want [2]", got)
	}
	devise := "Devise.setup do |config|\n  # config.secret_key = 'b8008800973c064ef11a8e1a7477c983'\n  config.secret_key = \"some-big-string-here\"\n  config.jwt do |jwt|\n    jwt.secret = ENV['DEVISE_JWT_SECRET_KEY']\n  end\nend\n"
	if got := HardcodedKeys([]byte(devise)); !slices.Equal(got, []int{3}) {
		t.Errorf("devise keys at %v, want [3] (the commented template and ENV are not)", got)
	}
	safe := "class JsonWebToken\n  SECRET_KEY = Rails.application.secret_key_base\n  def self.encode(p) = JWT.encode(p, ENV.fetch(\"JWT_SECRET\"), \"HS256\")\nend\n"
	if got := HardcodedKeys([]byte(safe)); len(got) != 0 {
		t.Errorf("keys read from ENV/credentials flagged at %v", got)
	}
}

func TestTestFile(t *testing.T) {
	cases := []struct {
		path, src string
		isTest    bool
		framework string
		real      bool
	}{
		{"spec/models/book_spec.rb", "require 'rails_helper'\n\nRSpec.describe Book, type: :model do\n  pending \"add some examples to (or delete) #{__FILE__}\"\nend\n", true, "rspec", false},
		{"spec/requests/users_spec.rb", "require 'rails_helper'\n\nRSpec.describe \"Users\", type: :request do\n  describe \"GET /index\" do\n  end\nend\n", true, "rspec", false},
		{"spec/models/user_spec.rb", "RSpec.describe User do\n  it \"is valid\" do\n    expect(build(:user)).to be_valid\n  end\nend\n", true, "rspec", true},
		{"spec/models/post_spec.rb", "RSpec.describe Post do\n  it { is_expected.to validate_presence_of(:title) }\nend\n", true, "rspec", true},
		{"spec/requests/api/books_spec.rb", "require 'swagger_helper'\nRSpec.describe 'Books' do\n  path '/api/books' do\n    get 'Lists' do\n      response '200', 'ok' do\n        run_test!\n      end\n    end\n  end\nend\n", true, "rspec", true},
		{"test/models/user_test.rb", "require \"test_helper\"\n\nclass UserTest < ActiveSupport::TestCase\n  # test \"the truth\" do\n  #   assert true\n  # end\nend\n", true, "minitest", false},
		{"test/models/post_test.rb", "class PostTest < ActiveSupport::TestCase\n  test \"the truth\" do\n    assert true\n  end\nend\n", true, "minitest", false},
		{"test/controllers/posts_controller_test.rb", "class PostsControllerTest < ActionDispatch::IntegrationTest\n  test \"should get index\" do\n    get posts_url\n    assert_response :success\n  end\nend\n", true, "minitest", true},
		{"test/test_helper.rb", "require \"rails/test_help\"\n", false, "", false},
		{"spec/rails_helper.rb", "require 'rspec/rails'\n", false, "", false},
	}
	for _, c := range cases {
		isTest, fw, real := TestFile(c.path, []byte(c.src))
		if isTest != c.isTest || fw != c.framework || real != c.real {
			t.Errorf("TestFile(%s) = %v %q %v, want %v %q %v", c.path, isTest, fw, real, c.isTest, c.framework, c.real)
		}
	}
}

func TestRunsTests(t *testing.T) {
	for _, cmd := range []string{"bundle exec rspec", "bin/rails db:test:prepare test", "bin/rails db:test:prepare test test:system", "bundle exec rails test", "rspec spec", "bundle exec rake", "bin/rails spec", "bundle exec rspec --format progress"} {
		if !RunsTests(cmd) {
			t.Errorf("%q runs the tests", cmd)
		}
	}
	for _, cmd := range []string{"bin/rubocop -f github", "bin/brakeman --no-pager", "bin/rails db:test:prepare", "bundle exec rails db:reset", "bundle install"} {
		if RunsTests(cmd) {
			t.Errorf("%q does not run the tests", cmd)
		}
	}
}

func TestLoggingSignals(t *testing.T) {
	prod := "Rails.application.configure do\n  config.lograge.enabled = true\n  # config.logger = Logger.new(STDOUT)\nend\n"
	if got := kinds(LoggingSignals([]byte(prod))); !slices.Equal(got, []string{"lograge/lograge"}) {
		t.Errorf("lograge: %v", got)
	}
	if got := kinds(LoggingSignals([]byte("Rails.logger.info(\"created #{id}\")\n"))); !slices.Equal(got, []string{"rails/Rails.logger"}) {
		t.Errorf("Rails.logger: %v", got)
	}
	if got := LoggingSignals([]byte("puts reservation\n# config.log_tags = [ :subdomain, :uuid ]\n")); len(got) != 0 {
		t.Errorf("puts and a commented setting are not logging: %v", kinds(got))
	}
}

func TestSecuritySignals(t *testing.T) {
	src := `class Rack::Attack
  throttle("auth/ip", limit: 5, period: 20.seconds) { |req| req.ip }
end
Rails.application.config.middleware.insert_before 0, Rack::Cors do
  allow do
    origins "*"
  end
end
def index = Book.page(params[:page]).per(20)
def book_params = params.require(:book).permit(:title)
`
	got := kinds(SecuritySignals([]byte(src)))
	for _, want := range []string{"rate-limit/rack-attack", "cors/rack-cors", "cors-wildcard/rack-cors", "pagination/kaminari"} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %s in %v", want, got)
		}
	}
	if got := kinds(SecuritySignals([]byte("class Book < ApplicationRecord\n  validates :title, presence: true\nend\n"))); !slices.Equal(got, []string{"validation/active-model-validations"}) {
		t.Errorf("model validations: %v", got)
	}
	// The scaffold's strong parameters pick keys; they validate nothing.
	if got := SecuritySignals([]byte("# gem 'rack-attack'\nclass Todo < ApplicationRecord\nend\ndef todo_params = params.require(:todo).permit(:title, :done)\n")); len(got) != 0 {
		t.Errorf("nothing expected: %v", kinds(got))
	}
}

func TestOpenAPISignals(t *testing.T) {
	if got := kinds(OpenAPISignals([]byte("RSpec.describe 'Books' do\n  path '/api/v1/books' do\n  end\nend\n"))); !slices.Equal(got, []string{"framework-generated/rswag"}) {
		t.Errorf("rswag: %v", got)
	}
	if got := kinds(OpenAPISignals([]byte("class API < Grape::API\n  add_swagger_documentation\nend\n"))); !slices.Equal(got, []string{"framework-generated/grape-swagger"}) {
		t.Errorf("grape-swagger: %v", got)
	}
	if got := OpenAPISignals([]byte("# add_swagger_documentation\nget '/path' do\nend\n")); len(got) != 0 {
		t.Errorf("nothing expected: %v", kinds(got))
	}
}

func TestSecrets(t *testing.T) {
	if key, ok := MasterKey("config/master.key", []byte("5f2c8e91a47d3b60c9e1f7a2d48b6c35\n")); !ok || key != "5f2c8e91a47d3b60c9e1f7a2d48b6c35" {
		t.Errorf("committed master.key: %q %v", key, ok)
	}
	if _, ok := MasterKey("config/credentials/production.key", []byte("0123456789abcdef0123456789abcdef")); !ok {
		t.Error("committed production.key")
	}
	if _, ok := MasterKey("config/master.key.example", []byte("0123456789abcdef0123456789abcdef")); ok {
		t.Error("an example file is not the key")
	}
	if _, ok := MasterKey("config/master.key", []byte("<your key here>\n")); ok {
		t.Error("a placeholder is not a key")
	}
	if !EncryptedCredentials("config/credentials.yml.enc") || !EncryptedCredentials("config/credentials/production.yml.enc") || EncryptedCredentials("config/secrets.yml") {
		t.Error("encrypted credentials are ciphertext; secrets.yml is not")
	}
	if !GeneratedTemplateLine("  # config.secret_key = 'b8008800973c064ef11a8e1a7477c983f7526dc8e44e45b7713c1e92ad8cb1095e1b280716e92d99e4c4dc32497230677617adec1a179ffdf114ed222e69c123'") {
		t.Error("devise's commented template key")
	}
	if GeneratedTemplateLine(`  config.secret_key = "some-big-string-here"`) || GeneratedTemplateLine("  # config.secret_key = 'short'") {
		t.Error("a live key or a short value is not the generator's template")
	}
}

func TestGems(t *testing.T) {
	got := Gems([]byte("source \"https://rubygems.org\"\n\ngem \"rails\", \"~> 7.1\"\n# gem \"bcrypt\"\ngem 'jwt'\n"))
	if len(got) != 2 || got[0].Name != "rails" || got[0].Line != 3 || got[1].Name != "jwt" || got[1].Line != 5 {
		t.Errorf("gems %+v", got)
	}
}
