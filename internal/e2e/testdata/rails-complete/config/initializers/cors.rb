# The React client is served from its own origin; list it in CORS_ORIGINS.
Rails.application.config.middleware.insert_before 0, Rack::Cors do
  allow do
    origins ENV.fetch("CORS_ORIGINS", "http://localhost:5173").split(",")

    resource "/api/*",
      headers: :any,
      methods: %i[get post patch put delete options head],
      expose: %w[Authorization]
  end
end
