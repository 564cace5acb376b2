from flask import Blueprint, abort, jsonify, request
from flask_jwt_extended import get_jwt_identity, jwt_required
from marshmallow import Schema, fields, validate

from app import db
from app.models import Ingredient, Recipe, User

api = Blueprint("api", __name__)


class IngredientSchema(Schema):
    id = fields.Int(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    quantity = fields.String()


class RecipeSchema(Schema):
    id = fields.Int(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    instructions = fields.String(required=True)
    ingredients = fields.List(fields.Nested(IngredientSchema), dump_only=True)


recipe_schema = RecipeSchema()
ingredient_schema = IngredientSchema()


def own_recipe(recipe_id):
    recipe = db.get_or_404(Recipe, recipe_id)
    if recipe.author_id != int(get_jwt_identity()):
        abort(403)
    return recipe


@api.get("/recipes")
@jwt_required()
def list_recipes():
    page = request.args.get("page", 1, type=int)
    per_page = min(request.args.get("per_page", 20, type=int), 100)
    query = db.select(Recipe).filter_by(author_id=int(get_jwt_identity())).order_by(Recipe.id)
    result = db.paginate(query, page=page, per_page=per_page)
    return jsonify(items=recipe_schema.dump(result.items, many=True), page=page, total=result.total)


@api.post("/recipes")
@jwt_required()
def create_recipe():
    data = recipe_schema.load(request.get_json() or {})
    recipe = Recipe(author_id=int(get_jwt_identity()), **data)
    db.session.add(recipe)
    db.session.commit()
    return recipe_schema.dump(recipe), 201


@api.get("/recipes/<int:recipe_id>")
@jwt_required()
def get_recipe(recipe_id):
    return recipe_schema.dump(own_recipe(recipe_id))


@api.put("/recipes/<int:recipe_id>")
@jwt_required()
def update_recipe(recipe_id):
    recipe = own_recipe(recipe_id)
    for key, value in recipe_schema.load(request.get_json() or {}).items():
        setattr(recipe, key, value)
    db.session.commit()
    return recipe_schema.dump(recipe)


@api.delete("/recipes/<int:recipe_id>")
@jwt_required()
def delete_recipe(recipe_id):
    db.session.delete(own_recipe(recipe_id))
    db.session.commit()
    return "", 204


@api.post("/recipes/<int:recipe_id>/ingredients")
@jwt_required()
def add_ingredient(recipe_id):
    recipe = own_recipe(recipe_id)
    ingredient = Ingredient(recipe=recipe, **ingredient_schema.load(request.get_json() or {}))
    db.session.add(ingredient)
    db.session.commit()
    return ingredient_schema.dump(ingredient), 201


@api.delete("/ingredients/<int:ingredient_id>")
@jwt_required()
def delete_ingredient(ingredient_id):
    ingredient = db.get_or_404(Ingredient, ingredient_id)
    own_recipe(ingredient.recipe_id)
    db.session.delete(ingredient)
    db.session.commit()
    return "", 204


@api.get("/users/me")
@jwt_required()
def me():
    user = db.get_or_404(User, int(get_jwt_identity()))
    return jsonify(id=user.id, email=user.email)
