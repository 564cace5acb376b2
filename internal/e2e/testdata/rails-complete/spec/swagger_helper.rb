require "rails_helper"

RSpec.configure do |config|
  config.openapi_root = Rails.root.join("swagger").to_s
  config.openapi_format = :yaml
  config.openapi_specs = {
    "v1/swagger.yaml" => {
      openapi: "3.0.3",
      info: { title: "Shelf Life API", version: "v1" },
      servers: [{ url: "https://shelf-life.fly.dev" }],
      components: {
        securitySchemes: { bearerAuth: { type: :http, scheme: :bearer, bearerFormat: "JWT" } }
      },
      security: [{ bearerAuth: [] }]
    }
  }
end
