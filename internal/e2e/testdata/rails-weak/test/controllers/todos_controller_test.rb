require "test_helper"

class TodosControllerTest < ActionDispatch::IntegrationTest
  test "the truth" do
    assert true
  end
end
