package ruby

import "testing"

func controllersOf(files map[string]string, concerns map[string]string) *Controllers {
	var cs []Controller
	for p, src := range files {
		cs = append(cs, ParseController(p, []byte(src)))
	}
	cons := map[string]Concern{}
	for p, src := range concerns {
		name, c := ParseConcern([]byte(src))
		c.Path = p
		cons[name] = c
	}
	return NewControllers(cs, cons)
}

func TestGuardFollowsInheritanceAndSkips(t *testing.T) {
	x := controllersOf(map[string]string{
		"app/controllers/application_controller.rb": `class ApplicationController < ActionController::API
  before_action :authenticate_user!
  # before_action :authorize_admin!   (commented: no effect)
end`,
		"app/controllers/api/v1/base_controller.rb": `module Api
  module V1
    class BaseController < ApplicationController
      before_action :set_locale
    end
  end
end`,
		"app/controllers/api/v1/books_controller.rb": `module Api
  module V1
    class BooksController < BaseController
      skip_before_action :authenticate_user!, only: %i[index show]
    end
  end
end`,
		"app/controllers/api/v1/auth_controller.rb": `class Api::V1::AuthController < Api::V1::BaseController
  skip_before_action :authenticate_user!
end`,
		"app/controllers/motorcycles_controller.rb": `class MotorcyclesController < ApplicationController
  before_action :authenticate_user!, only: [:create, :destroy]
end`,
	}, nil)
	cases := []struct {
		ctrl, action string
		want         bool
	}{
		{"api/v1/books", "index", false},
		{"api/v1/books", "create", true},
		{"api/v1/auth", "login", false},
		// Re-declaring with only: replaces ApplicationController's callback.
		{"motorcycles", "index", false},
		{"motorcycles", "destroy", true},
		// Controllers the project does not define (devise's) are not its guard.
		{"devise/sessions", "create", false},
	}
	for _, c := range cases {
		g := x.GuardOf(Route{Controller: c.ctrl, Action: c.action})
		if g.Protected != c.want {
			t.Errorf("%s#%s protected=%v, want %v (%+v)", c.ctrl, c.action, g.Protected, c.want, g)
		}
	}
	g := x.GuardOf(Route{Controller: "api/v1/books", Action: "destroy"})
	if g.Path != "app/controllers/application_controller.rb" || g.Filter.Line != 2 || g.Filter.Name != "authenticate_user!" {
		t.Errorf("guard evidence %+v", g)
	}
}

func TestGuardFromConcernAndBasicAuth(t *testing.T) {
	x := controllersOf(map[string]string{
		"app/controllers/application_controller.rb": "class ApplicationController < ActionController::API\n  include JwtAuthenticatable\nend\n",
		"app/controllers/admin_controller.rb":       "class AdminController < ActionController::Base\n  http_basic_authenticate_with name: ENV['ADMIN_USER'], password: ENV['ADMIN_PASSWORD'], except: :index\nend\n",
		"app/controllers/pages_controller.rb":       "class PagesController < ActionController::Base\n  before_action :verify_authenticity_token\n  before_action :set_page\nend\n",
	}, map[string]string{
		"app/controllers/concerns/jwt_authenticatable.rb": "module JwtAuthenticatable\n  extend ActiveSupport::Concern\n  included do\n    before_action :authorize_request\n  end\nend\n",
	})
	if !x.GuardOf(Route{Controller: "application", Action: "show"}).Protected {
		t.Error("a concern's before_action :authorize_request protects")
	}
	if !x.GuardOf(Route{Controller: "admin", Action: "show"}).Protected || x.GuardOf(Route{Controller: "admin", Action: "index"}).Protected {
		t.Error("http_basic_authenticate_with except: :index")
	}
	if x.GuardOf(Route{Controller: "pages", Action: "show"}).Protected {
		t.Error("verify_authenticity_token (CSRF) and set_page are not authentication")
	}
}

func TestIsAuthFilter(t *testing.T) {
	for _, n := range []string{"authenticate_user!", "authenticate_request", "authorize_request", "authorized", "require_login", "doorkeeper_authorize!", "authenticate_api_user", "ensure_logged_in"} {
		if !IsAuthFilter(n) {
			t.Errorf("%s guards access", n)
		}
	}
	for _, n := range []string{"verify_authenticity_token", "set_book", "configure_permitted_parameters", "author_params", "set_current_user"} {
		if IsAuthFilter(n) {
			t.Errorf("%s does not guard access", n)
		}
	}
}

func TestCentralRescue(t *testing.T) {
	central := controllersOf(map[string]string{
		"app/controllers/application_controller.rb": "class ApplicationController < ActionController::API\n  rescue_from ActiveRecord::RecordNotFound, with: :not_found\nend\n",
		"app/controllers/books_controller.rb":       "class BooksController < ApplicationController\nend\n",
	}, nil)
	if p, line, ok := central.CentralRescue(); !ok || p != "app/controllers/application_controller.rb" || line != 2 {
		t.Errorf("rescue_from in ApplicationController: %s:%d %v", p, line, ok)
	}
	local := controllersOf(map[string]string{
		"app/controllers/application_controller.rb": "class ApplicationController < ActionController::API\nend\n",
		"app/controllers/auth_controller.rb":        "class AuthController < ApplicationController\n  rescue_from ActiveRecord::RecordNotFound, with: :nope\nend\n",
	}, nil)
	if _, _, ok := local.CentralRescue(); ok {
		t.Error("a rescue_from in one leaf controller is local, not central")
	}
	concern := controllersOf(map[string]string{
		"app/controllers/application_controller.rb": "class ApplicationController < ActionController::API\n  include ErrorHandler\nend\n",
	}, map[string]string{
		"app/controllers/concerns/error_handler.rb": "module ErrorHandler\n  extend ActiveSupport::Concern\n  included do\n    rescue_from StandardError, with: :internal\n  end\nend\n",
	})
	if p, line, ok := concern.CentralRescue(); !ok || p != "app/controllers/concerns/error_handler.rb" || line != 4 {
		t.Errorf("rescue_from in an included concern: %s:%d %v", p, line, ok)
	}
}

func TestControllerName(t *testing.T) {
	for p, want := range map[string]string{
		"app/controllers/api/v1/books_controller.rb":  "api/v1/books",
		"app/controllers/application_controller.rb":   "application",
		"app/controllers/concerns/auth_controller.rb": "",
		"app/models/book.rb":                          "",
	} {
		if got := ControllerName(p); got != want {
			t.Errorf("ControllerName(%s) = %q, want %q", p, got, want)
		}
	}
}
