"""The bundled data, installed as the package `c2c_data` (pyproject maps it to this folder).

Read it through `index.resources.data_path(...)`, never by a path of its own."""
