package ruby

import (
	"fmt"
	"slices"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

func src(p, code string) pack.Source {
	return pack.Source{Path: p, Lang: "ruby", Code: scan.Code([]byte(code), "ruby")}
}

func TestProtections(t *testing.T) {
	code := "class ApplicationController < ActionController::API\n  before_action :authenticate_user!\n  before_action :set_locale\n  # before_action :authorize_admin!\n  skip_before_action :authenticate_user!, only: :health\n  before_action :verify_authenticity_token\nend\n"
	s := src("app/controllers/application_controller.rb", code)
	var lines []int
	for _, off := range protections(s.Code) {
		lines = append(lines, s.Loc(off).Line)
	}
	if !slices.Equal(lines, []int{2}) {
		t.Errorf("protections at lines %v, want [2] (not set_locale, a comment, a skip or CSRF)", lines)
	}
	routes := src("config/routes.rb", "Rails.application.routes.draw do\n  authenticate :user do\n    resources :notes\n  end\nend\n")
	if got := protections(routes.Code); len(got) != 1 {
		t.Errorf("devise authenticate block: %d protections, want 1", len(got))
	}
	if got := protections(src("app/controllers/pages_controller.rb", "class PagesController < ApplicationController\nend\n").Code); len(got) != 0 {
		t.Errorf("no protection expected, got %v", got)
	}
}

type sinkRec struct {
	central  []facts.Location
	handlers []string
}

func (s *sinkRec) Status(int, facts.Location)            {}
func (s *sinkRec) Central(at facts.Location)             { s.central = append(s.central, at) }
func (s *sinkRec) Handler(name string, _ facts.Location) { s.handlers = append(s.handlers, name) }
func (s *sinkRec) Registered(string)                     {}

func TestCentralErrors(t *testing.T) {
	body := "class X < ActionController::API\n  rescue_from ActiveRecord::RecordNotFound, with: :not_found\nend\n"
	for p, want := range map[string]bool{
		"app/controllers/application_controller.rb":  true,
		"app/controllers/api/v1/base_controller.rb":  true,
		"app/controllers/concerns/error_handling.rb": true,
		"app/controllers/auth_controller.rb":         false, // one leaf controller's own
		"app/models/book.rb":                         false,
	} {
		var rec sinkRec
		centralErrors(src(p, body), &rec)
		if got := len(rec.central) == 1 && rec.central[0].Line == 2; got != want {
			t.Errorf("%s: central %v, want %v", p, rec.central, want)
		}
	}
	// A concern module rescues only where a controller includes it: it is
	// a named handler, not a central one by itself.
	var concern sinkRec
	centralErrors(src("app/controllers/concerns/api/exception_handler.rb", "module Api\n  module ExceptionHandler\n    extend ActiveSupport::Concern\n    included do\n      rescue_from ActiveRecord::RecordNotFound, with: :not_found\n    end\n  end\nend\n"), &concern)
	if len(concern.central) != 0 || !slices.Equal(concern.handlers, []string{"ExceptionHandler"}) {
		t.Errorf("concern: central %v, handlers %v; want none and [ExceptionHandler]", concern.central, concern.handlers)
	}
	var rec sinkRec
	centralErrors(src("config/application.rb", "module App\n  class Application < Rails::Application\n    config.exceptions_app = routes\n  end\nend\n"), &rec)
	if len(rec.central) != 1 || rec.central[0].Line != 3 {
		t.Errorf("config.exceptions_app: %v", rec.central)
	}
}

func TestRouteScanner(t *testing.T) {
	sc := newRouteScanner()
	sc.Scan(src("app/controllers/books_controller.rb", "get 'x', to: 'y#z'\n"))
	sc.Scan(src("config/routes.rb", "Rails.application.routes.draw do\n  get \"up\" => \"rails/health#show\"\n  resources :books, only: %i[index show new]\n  get \"manifest\" => \"rails/pwa#manifest\"\nend\n"))
	var got []string
	for _, r := range sc.Routes() {
		got = append(got, fmt.Sprintf("%s %s %s:%d", r.Method, r.Path, r.At.Path, r.At.Line))
	}
	want := []string{"GET /up config/routes.rb:2", "GET /books config/routes.rb:3", "GET /books/{id} config/routes.rb:3", "GET /books/new config/routes.rb:3"}
	if !slices.Equal(got, want) {
		t.Errorf("routes %v, want %v", got, want)
	}
	api := newRouteScanner()
	api.Scan(src("config/application.rb", "module A\n  class Application < Rails::Application\n    config.api_only = true\n  end\nend\n"))
	api.Scan(src("config/routes.rb", "Rails.application.routes.draw do\n  resources :books\nend\n"))
	if n := len(api.Routes()); n != 5 {
		t.Errorf("API-only resources: %d routes, want 5", n)
	}
	if r := newRouteScanner().Routes(); r != nil {
		t.Errorf("no routes.rb, no routes: %v", r)
	}
}

func TestStubTest(t *testing.T) {
	stubs := []string{
		"RSpec.describe Book, type: :model do\n  pending \"add some examples to (or delete) #{__FILE__}\"\nend\n",
		"class PostTest < ActiveSupport::TestCase\n  test \"the truth\" do\n    assert true\n  end\nend\n",
	}
	for _, c := range stubs {
		if !stubTest(scan.Code([]byte(c), "ruby")) {
			t.Errorf("generator stub not recognised:\n%s", c)
		}
	}
	real := []string{
		"RSpec.describe Book do\n  it \"needs a title\" do\n    expect(Book.new).not_to be_valid\n  end\nend\n",
		"class BooksTest < ActionDispatch::IntegrationTest\n  test \"lists\" do\n    get books_url\n    assert_response :success\n  end\nend\n",
	}
	for _, c := range real {
		if stubTest(scan.Code([]byte(c), "ruby")) {
			t.Errorf("real test taken for a stub:\n%s", c)
		}
	}
}

func TestEngineMigration(t *testing.T) {
	if !engineMigration("db/migrate/20240129183000_create_active_storage_tables.active_storage.rb") {
		t.Error("an active_storage migration is the engine's")
	}
	if engineMigration("db/migrate/20240108183000_create_users.rb") {
		t.Error("create_users is the project's own")
	}
}
