# A student's JupyterLab (make lab, deploy/): load custom/custom.css of this folder, which wraps the
# long lines of nbgrader's Validate dialog. JupyterLab links /custom/custom.css only with
# LabApp.custom_css, and serves it from ServerApp.static_custom_path, which is not configurable and
# looks only in JUPYTER_CONFIG_DIR (~/.jupyter/custom) and jupyter_server's own folder, never in a
# JUPYTER_CONFIG_PATH folder such as this one; the Tornado setting it fills can be overridden.
import os

from jupyter_core.paths import jupyter_config_dir

c = get_config()  # noqa: F821
c.LabApp.custom_css = True
# A plain dict (not .update() on traitlets' lazy value: JupyterHub's single-user server tests
# `"log_function" in tornado_settings`, which a lazy value cannot answer), keeping any set before.
earlier = c.ServerApp.get("tornado_settings")
c.ServerApp.tornado_settings = {
    **(earlier if isinstance(earlier, dict) else {}),
    "static_custom_path": [os.path.join(os.path.dirname(os.path.abspath(__file__)), "custom"),
                           os.path.join(jupyter_config_dir(), "custom")],
}
