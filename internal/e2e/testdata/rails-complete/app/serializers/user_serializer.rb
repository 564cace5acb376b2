UserSerializer = Struct.new(:user) do
  def as_json(*)
    { id: user.id, name: user.name, email: user.email }
  end
end
