Rails.application.routes.draw do
  mount Rswag::Ui::Engine => "/api-docs"
  mount Rswag::Api::Engine => "/api-docs"

  # Load balancers and Fly's health check ask /up: 200 when the app boots.
  get "up" => "rails/health#show", as: :rails_health_check

  namespace :api do
    namespace :v1 do
      post "auth/signup", to: "auth#signup"
      post "auth/login", to: "auth#login"
      get "me", to: "users#me"
      resources :users, only: :show

      resources :books, only: %i[index show create update destroy] do
        resources :reviews, only: %i[index create]
      end
      resources :reviews, only: :destroy
    end
  end
end
