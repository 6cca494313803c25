"""Flask extensions, created unbound and bound to the app in ``create_app``.

Nothing here imports ``app.py``, so models and services can import these
objects without import cycles.
"""

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from core.models import Base

# hide_parameters: no error message or log line carries a statement's values (a national ID,
# a case title). A default for every engine; SQLALCHEMY_ENGINE_OPTIONS adds to it.
db = SQLAlchemy(model_class=Base, engine_options={"hide_parameters": True})
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
