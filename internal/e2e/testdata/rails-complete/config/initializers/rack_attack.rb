# Login and signup are the endpoints worth guessing at: slow them down per IP.
class Rack::Attack
  throttle("auth/ip", limit: 5, period: 20.seconds) do |req|
    req.ip if req.path.start_with?("/api/v1/auth/") && req.post?
  end

  throttle("api/ip", limit: 300, period: 5.minutes) do |req|
    req.ip if req.path.start_with?("/api/")
  end
end
