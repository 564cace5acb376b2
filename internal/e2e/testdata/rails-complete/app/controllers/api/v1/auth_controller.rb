module Api
  module V1
    class AuthController < ApplicationController
      skip_before_action :authenticate_user!

      def signup
        user = User.create!(signup_params)
        render json: { token: JsonWebToken.encode(user.id), user: UserSerializer.new(user).as_json }, status: :created
      end

      def login
        user = User.find_by(email: params.require(:email).downcase)
        if user&.authenticate(params.require(:password))
          render json: { token: JsonWebToken.encode(user.id) }
        else
          render json: { error: "Unauthorized", message: "Wrong email or password" }, status: :unauthorized
        end
      end

      private

      def signup_params
        params.permit(:name, :email, :password)
      end
    end
  end
end
