# Signs and checks the API's access tokens (HS256, one hour).
module JsonWebToken
  ALGORITHM = "HS256".freeze

  def self.encode(user_id, expires_at: 1.hour.from_now)
    JWT.encode({ sub: user_id, exp: expires_at.to_i }, secret, ALGORITHM)
  end

  def self.decode(token)
    JWT.decode(token, secret, true, algorithm: ALGORITHM).first
  end

  def self.secret
    ENV.fetch("JWT_SECRET") { Rails.application.credentials.secret_key_base }
  end
end
