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
    render_error :not_found, "#{error.model || 'Record'} not found"
  end

  def unprocessable(error)
    render_error :unprocessable_entity, "Validation failed", error.record.errors.to_hash(true)
  end

  def bad_request(error)
    render_error :bad_request, error.message
  end

  def unauthorized(_error)
    render_error :unauthorized, "Missing or invalid token"
  end

  def render_error(status, message, details = nil)
    Rails.logger.info("api error status=#{status} message=#{message}")
    body = { error: Rack::Utils::HTTP_STATUS_CODES[Rack::Utils.status_code(status)], message: message }
    body[:details] = details if details
    render json: body, status: status
  end
end
