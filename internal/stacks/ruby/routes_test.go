package ruby

import (
	"fmt"
	"strings"
	"testing"
)

// routeList renders routes as "METHOD /path ctrl#action" lines.
func routeList(rs []Route) []string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s %s %s#%s", r.Method, r.Path, r.Controller, r.Action))
	}
	return out
}

func assertRoutes(t *testing.T, got []Route, want ...string) {
	t.Helper()
	g := routeList(got)
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("routes:\n  %s\nwant:\n  %s", strings.Join(g, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestRoutesNamespacesAndResources(t *testing.T) {
	src := `Rails.application.routes.draw do
  # resources :drafts  (commented out: not a route)
  get "up" => "rails/health#show", as: :rails_health_check

  namespace :api, defaults: { format: :json } do
    namespace :v1 do
      post "auth/login", to: "auth#login"
      resources :books, only: %i[index show create] do
        resources :reviews, only: [:index, :create]
        get :feed, on: :collection
        post :publish, on: :member
      end
      resource :profile, except: :destroy
      resources :tags, except: [:update, :destroy]
    end
  end
end
`
	rt := Routes([]byte(src), true)
	assertRoutes(t, rt.Routes,
		"GET /up rails/health#show",
		"POST /api/v1/auth/login api/v1/auth#login",
		"GET /api/v1/books api/v1/books#index",
		"GET /api/v1/books/:id api/v1/books#show",
		"POST /api/v1/books api/v1/books#create",
		"GET /api/v1/books/:book_id/reviews api/v1/reviews#index",
		"POST /api/v1/books/:book_id/reviews api/v1/reviews#create",
		"GET /api/v1/books/feed api/v1/books#feed",
		"POST /api/v1/books/:id/publish api/v1/books#publish",
		"GET /api/v1/profile api/v1/profiles#show",
		"POST /api/v1/profile api/v1/profiles#create",
		"PATCH /api/v1/profile api/v1/profiles#update",
		"GET /api/v1/tags api/v1/tags#index",
		"GET /api/v1/tags/:id api/v1/tags#show",
		"POST /api/v1/tags api/v1/tags#create",
	)
}

func TestRoutesFullAppHasFormRoutes(t *testing.T) {
	rt := Routes([]byte("Rails.application.routes.draw do\n  resources :todos\nend\n"), false)
	assertRoutes(t, rt.Routes,
		"GET /todos todos#index",
		"GET /todos/:id todos#show",
		"POST /todos todos#create",
		"PATCH /todos/:id todos#update",
		"DELETE /todos/:id todos#destroy",
		"GET /todos/new todos#new",
		"GET /todos/:id/edit todos#edit",
	)
	api := Routes([]byte("Rails.application.routes.draw do\n  resources :todos\nend\n"), true)
	if len(api.Routes) != 5 {
		t.Errorf("API-only resources: %d routes, want 5 (no new/edit): %v", len(api.Routes), routeList(api.Routes))
	}
}

func TestRoutesScopesVerbsAndDevise(t *testing.T) {
	src := `Rails.application.routes.draw do
  scope :api do
    devise_for :users, controllers: { sessions: :sessions },
                       path_names: { sign_in: :login }
    resources :articles, param: :slug, except: [:edit, :new] do
      resource :favorite, only: [:create, :destroy]
    end
  end
  scope module: :admin, path: "/backoffice" do
    match "reports", to: "reports#index", via: [:get, :post]
  end
  root "home#index"
  get "pages/about"
  get "/legacy", to: redirect("/")
  match "*path", to: "application#not_found", via: :all
  mount Rswag::Ui::Engine => "/api-docs"
  mount HealthCheck::Engine, at: "/health_check"
end
`
	rt := Routes([]byte(src), false)
	assertRoutes(t, rt.Routes,
		"POST /api/users/login sessions#create",
		"DELETE /api/users/sign_out sessions#destroy",
		"POST /api/users devise/registrations#create",
		"GET /api/articles articles#index",
		"GET /api/articles/:slug articles#show",
		"POST /api/articles articles#create",
		"PATCH /api/articles/:slug articles#update",
		"DELETE /api/articles/:slug articles#destroy",
		"POST /api/articles/:slug/favorite favorites#create",
		"DELETE /api/articles/:slug/favorite favorites#destroy",
		"GET /backoffice/reports admin/reports#index",
		"POST /backoffice/reports admin/reports#index",
		"GET / home#index",
		"GET /pages/about pages#about",
	)
	if len(rt.Mounts) != 2 || rt.Mounts[0].App != "Rswag::Ui::Engine" || rt.Mounts[0].Path != "/api-docs" ||
		rt.Mounts[1].Path != "/health_check" || !HealthMount(rt.Mounts[1]) || HealthMount(rt.Mounts[0]) {
		t.Errorf("mounts %+v", rt.Mounts)
	}
}

func TestRoutesDeviseCustomPathsAndGuardedBlocks(t *testing.T) {
	src := `Rails.application.routes.draw do
  devise_for :users, path: "", path_names: {
    sign_in:      "login",
    sign_out:     "logout",
    registration: "signup"
  },
  controllers: {
    sessions:      "users/sessions",
    registrations: "users/registrations"
  }
  authenticate :user do
    resources :notes, only: :index
  end
  concern :commentable do
    resources :comments
  end
  get "service-worker" => "rails/pwa#service_worker"
end
`
	rt := Routes([]byte(src), true)
	assertRoutes(t, rt.Routes,
		"POST /login users/sessions#create",
		"DELETE /logout users/sessions#destroy",
		"POST /signup users/registrations#create",
		"GET /notes notes#index",
		"GET /service-worker rails/pwa#service_worker",
	)
	if !rt.Routes[3].RouteGuarded || rt.Routes[0].RouteGuarded {
		t.Errorf("authenticate block: guarded flags %v %v", rt.Routes[3].RouteGuarded, rt.Routes[0].RouteGuarded)
	}
	if !FrameworkRoute(rt.Routes[4]) || FrameworkRoute(rt.Routes[3]) {
		t.Error("rails/pwa is the framework's route, notes#index is the project's")
	}
}

func TestRoutesLineNumbers(t *testing.T) {
	rt := Routes([]byte("Rails.application.routes.draw do\n\n  resources :a, only: :index\n  get '/b', to: 'b#show'\nend\n"), true)
	if len(rt.Routes) != 2 || rt.Routes[0].Line != 3 || rt.Routes[1].Line != 4 {
		t.Errorf("lines: %+v", rt.Routes)
	}
}

func TestAPIOnly(t *testing.T) {
	if !APIOnly([]byte("module X\n  class Application < Rails::Application\n    config.api_only = true\n  end\nend\n")) {
		t.Error("config.api_only = true not seen")
	}
	if APIOnly([]byte("    # config.api_only = true\n")) || APIOnly([]byte("config.api_only = false\n")) {
		t.Error("commented or false api_only taken as API-only")
	}
}

func TestHealthRoutes(t *testing.T) {
	for _, r := range []Route{
		{Method: "GET", Path: "/up", Controller: "rails/health", Action: "show"},
		{Method: "GET", Path: "/status/live", Controller: "rails/health", Action: "show"},
		{Method: "GET", Path: "/api/v1/health", Controller: "health", Action: "show"},
	} {
		if !IsHealthRoute(r) {
			t.Errorf("%+v is a health route", r)
		}
	}
	for _, r := range []Route{
		{Method: "GET", Path: "/api/v1/books", Controller: "books", Action: "index"},
		{Method: "POST", Path: "/health", Controller: "health", Action: "create"},
	} {
		if IsHealthRoute(r) {
			t.Errorf("%+v is not a health route", r)
		}
	}
}
