require_relative "boot"

require "rails"
require "active_model/railtie"
require "active_record/railtie"
require "active_storage/engine"
require "action_controller/railtie"

Bundler.require(*Rails.groups)

module ShelfLife
  class Application < Rails::Application
    config.load_defaults 7.1
    config.autoload_lib(ignore: %w[assets tasks])

    # Only JSON in, JSON out: no views, no cookies, no new/edit routes.
    config.api_only = true

    config.middleware.use Rack::Attack
  end
end
