"""The local web app: `triggermap serve`. Import `create_app` from `triggermap.web.app`."""
