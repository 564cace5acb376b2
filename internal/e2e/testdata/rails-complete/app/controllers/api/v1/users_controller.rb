module Api
  module V1
    class UsersController < ApplicationController
      def me
        render json: UserSerializer.new(current_user).as_json
      end

      # A reader's public profile: name and finished books, no email.
      def show
        user = User.find(params[:id])
        render json: { id: user.id, name: user.name, finished: user.books.where(status: "finished").count }
      end
    end
  end
end
