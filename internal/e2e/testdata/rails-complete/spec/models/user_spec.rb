require "rails_helper"

RSpec.describe User, type: :model do
  it "stores a bcrypt digest, never the password" do
    user = create(:user, password: "correct horse battery")
    expect(user.password_digest).to start_with("$2a$")
    expect(user.authenticate("correct horse battery")).to eq(user)
    expect(user.authenticate("wrong")).to be(false)
  end

  it "rejects a duplicate email whatever its case" do
    create(:user, email: "ana@example.com")
    expect(build(:user, email: "ANA@example.com")).not_to be_valid
  end

  it "rejects a short password" do
    expect(build(:user, password: "short")).not_to be_valid
  end
end
