"""JupyterHub configuration of the nnkit course's shared server (installed by deploy/setup.py).

Reads ``nnkit_hub.json`` beside it (the prefix, the exchange, who teaches and who studies). The
environment may set ``NNKIT_HUB_IP`` and ``NNKIT_HUB_PORT`` (default 0.0.0.0:8000), and
``NNKIT_HUB_ADMIN_TOKEN``, an API token for a service with the rights to manage users and servers
(the hub test uses it; leave it unset otherwise).
"""

import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
settings = json.loads((HERE / "nnkit_hub.json").read_text())
PREFIX = Path(settings["prefix"])
VENV = PREFIX / "venv"
INSTRUCTORS = set(settings["instructors"])
STUDENTS = set(settings["students"])

c = get_config()  # noqa: F821 - provided by JupyterHub

c.JupyterHub.ip = os.environ.get("NNKIT_HUB_IP", "0.0.0.0")
c.JupyterHub.port = int(os.environ.get("NNKIT_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("NNKIT_HUB_INTERNAL_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(os.environ.get('NNKIT_HUB_PROXY_API_PORT', '8001'))}"
c.ConfigurableHTTPProxy.command = [str(PREFIX / "node_modules" / ".bin" / "configurable-http-proxy")]
c.JupyterHub.db_url = f"sqlite:///{PREFIX / 'var' / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(PREFIX / "var" / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(PREFIX / "var" / "proxy.pid")

# Who may log in: the Unix accounts of the roster, with their Unix passwords (PAM).
c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = INSTRUCTORS | STUDENTS
c.Authenticator.admin_users = set()  # no one needs to reach another user's server

# Each user's server runs as that Unix user (the hub runs as root), in their home, through the
# wrapper that applies the user's limits (memory, processes, CPU time).
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [str(PREFIX / "bin" / "nnkit-singleuser"), str(VENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 90


def _config_path(spawner):
    """Students get the course's student configuration (Assignment List and Validate only)."""
    return "" if spawner.user.name in INSTRUCTORS else str(PREFIX / "etc" / "student")


c.Spawner.environment = {
    "JUPYTER_CONFIG_PATH": _config_path,
    "NNKIT_EXCHANGE": settings["exchange"],
    "PATH": f"{VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    "NNKIT_MEMORY_MB": os.environ.get("NNKIT_USER_MEMORY_MB", "2048"),
    "NNKIT_USER_PROCESSES": os.environ.get("NNKIT_USER_PROCESSES", "256"),
}

# Idle servers are stopped after an hour (their files stay).
c.JupyterHub.services = [{"name": "idle-culler",
                          "command": [str(VENV / "bin" / "python"), "-m", "jupyterhub_idle_culler",
                                      f"--timeout={int(os.environ.get('NNKIT_HUB_IDLE_SECONDS', '3600'))}"]}]
c.JupyterHub.load_roles = [{"name": "idle-culler", "services": ["idle-culler"],
                            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]}]
if os.environ.get("NNKIT_HUB_ADMIN_TOKEN"):
    c.JupyterHub.services.append({"name": "nnkit-admin", "api_token": os.environ["NNKIT_HUB_ADMIN_TOKEN"]})
    c.JupyterHub.load_roles.append({"name": "nnkit-admin", "services": ["nnkit-admin"],
                                    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers",
                                               "list:users", "read:users"]})
