# Every API controller inherits the token check and the JSON error shape.
class ApplicationController < ActionController::API
  before_action :authenticate_user!

  rescue_from ActiveRecord::RecordNotFound, with: :not_found
  rescue_from ActiveRecord::RecordInvalid, with: :unprocessable
  rescue_from ActionController::ParameterMissing, with: :bad_request
  rescue_from JWT::DecodeError, with: :unauthorized

  attr_reader :current_user

  private

  def authenticate_user!
    token = request.headers["Authorization"].to_s.delete_prefix("Bearer ")
    payload = JsonWebToken.decode(token)
    @current_user = User.find(payload.fetch("sub"))
  end

  def not_found(error)
    render json: error_body("Not Found", "#{error.model || 'Record'} not found"), status: :not_found
  end

  def unprocessable(error)
    render json: error_body("Unprocessable Entity", "Validation failed", error.record.errors.to_hash(true)),
           status: :unprocessable_entity
  end

  def bad_request(error)
    render json: error_body("Bad Request", error.message), status: :bad_request
  end

  def unauthorized(_error)
    render json: error_body("Unauthorized", "Missing or invalid token"), status: :unauthorized
  end

  def error_body(error, message, details = nil)
    Rails.logger.info("api error #{error}: #{message}")
    { error: error, message: message, details: details }.compact
  end
end
