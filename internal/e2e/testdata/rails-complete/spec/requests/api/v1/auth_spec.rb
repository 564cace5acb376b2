require "rails_helper"

RSpec.describe "Auth", type: :request do
  describe "POST /api/v1/auth/login" do
    let!(:user) { create(:user, email: "ana@example.com", password: "correct horse battery") }

    it "returns a token for the right password" do
      post "/api/v1/auth/login", params: { email: "ana@example.com", password: "correct horse battery" }
      expect(response).to have_http_status(:ok)
      expect(JsonWebToken.decode(response.parsed_body["token"])["sub"]).to eq(user.id)
    end

    it "answers 401 with a JSON error for a wrong password" do
      post "/api/v1/auth/login", params: { email: "ana@example.com", password: "nope" }
      expect(response).to have_http_status(:unauthorized)
      expect(response.parsed_body["message"]).to eq("Wrong email or password")
    end
  end

  it "refuses /me without a token" do
    get "/api/v1/me"
    expect(response).to have_http_status(:unauthorized)
    expect(response.parsed_body["error"]).to eq("Unauthorized")
  end
end
