"""Box's OAuth scopes: the one list of the names Box knows, with the words Box's own consent
page uses for each.

The sandbox refuses scopes not listed here and shows these words on its consent page; the
window shows its own plain, translatable words for the same names (``gui/token_panel.py``;
a test keeps both lists of names equal).
"""

from __future__ import annotations

__all__ = ["BOX_SCOPES"]

#: Scope name -> what Box's consent page says it allows.
BOX_SCOPES: dict[str, str] = {
    "root_readwrite": "Read and write all files and folders stored in Box",
    "root_readonly": "Read all files and folders stored in Box",
    "manage_managed_users": "Manage users",
    "manage_app_users": "Manage app users",
    "manage_groups": "Manage groups",
    "manage_webhook": "Manage webhooks",
    "manage_enterprise_properties": "Manage enterprise properties",
    "manage_data_retention": "Manage retention policies",
    "manage_legal_hold": "Manage legal holds",
    "manage_triggers": "Manage Box Relay",
    "sign_requests.readwrite": "Manage signature requests",
    "ai.readwrite": "Use Box AI",
    "item_preview": "Preview files",
    "item_download": "Download files and folders",
    "item_upload": "Upload files",
    "item_share": "Share files and folders",
    "item_delete": "Delete files and folders",
    "item_rename": "Rename files and folders",
    "item_comment": "Comment on files",
    "item_read": "Read files and folders",
    "item_readwrite": "Read and write files and folders",
    "base_preview": "Use Box UI Elements to preview",
    "base_upload": "Use Box UI Elements to upload",
    "base_explorer": "Use Box UI Elements to explore",
    "base_picker": "Use Box UI Elements to pick",
    "base_sidebar": "Use Box UI Elements sidebar",
    "annotation_edit": "Edit annotations",
    "annotation_view_all": "View all annotations",
    "annotation_view_self": "View your own annotations",
}
