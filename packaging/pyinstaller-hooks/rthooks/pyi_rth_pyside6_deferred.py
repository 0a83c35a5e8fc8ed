# PyInstaller run-time hook for PySide6 in Box Login's bundle: PyInstaller's own
# (PyInstaller/hooks/rthooks/pyi_rth_pyside6.py, 6.x), except that Qt is not loaded at start.
#
# PyInstaller's hook imports PySide6.QtCore in every start of the bundle, only to check that
# Qt's prefix is relocated (an embedded qt.conf). The PySide6 wheels embed one themselves, so
# the check finds it and does nothing; but loading QtCore (Qt's core library, shiboken and
# libpyside) costs tens of milliseconds in "box-login token" and every other command, which
# never use Qt. Here the same check runs right after the first import of PySide6.QtCore, before
# anything can use Qt. Everything else is as in PyInstaller's hook. packaging/box-login.spec
# puts this directory on the hook path: PyInstaller takes the first run-time hook it finds for
# a module, and logs that it skipped its own. tests/test_programs.py runs this file in a plain
# interpreter.
# ruff: noqa
# mypy: ignore-errors


def _pyi_rthook():
    import os
    import sys

    from _pyi_rth_utils import is_macos_app_bundle, prepend_path_to_environment_variable
    from _pyi_rth_utils import qt as qt_rth_utils

    # Ensure this is the only Qt bindings package in the application.
    qt_rth_utils.ensure_single_qt_bindings_package("PySide6")

    if sys.platform.startswith("win"):
        pyqt_path = os.path.join(sys._MEIPASS, "PySide6")
    else:
        pyqt_path = os.path.join(sys._MEIPASS, "PySide6", "Qt")

    os.environ["QT_PLUGIN_PATH"] = os.path.join(pyqt_path, "plugins")

    if is_macos_app_bundle:
        pyqt_path_res = os.path.normpath(
            os.path.join(sys._MEIPASS, "..", "Resources", os.path.relpath(pyqt_path, sys._MEIPASS))
        )
        os.environ["QML2_IMPORT_PATH"] = os.pathsep.join(
            [
                os.path.join(pyqt_path_res, "qml"),
                os.path.join(pyqt_path, "qml"),
            ]
        )
    else:
        os.environ["QML2_IMPORT_PATH"] = os.path.join(pyqt_path, "qml")

    if sys.platform.startswith("win"):
        prepend_path_to_environment_variable(sys._MEIPASS, "PATH")

    if sys.platform == "darwin" and not is_macos_app_bundle:
        prepend_path_to_environment_variable(sys._MEIPASS, "DYLD_LIBRARY_PATH")

    # Deferred: PyInstaller's hook calls this here, importing PySide6.QtCore.
    def embed_qt_conf():
        qt_rth_utils.create_embedded_qt_conf("PySide6", pyqt_path)

    if "PySide6.QtCore" in sys.modules:
        embed_qt_conf()
        return

    class _AfterQtCore:
        """Finds nothing itself: wraps the real loader of PySide6.QtCore so that the qt.conf
        check runs as soon as the module is loaded, then leaves sys.meta_path."""

        def find_spec(self, name, path=None, target=None):
            if name != "PySide6.QtCore":
                return None
            if self in sys.meta_path:
                sys.meta_path.remove(self)
            for finder in sys.meta_path:
                find_spec = getattr(finder, "find_spec", None)
                spec = find_spec(name, path, target) if find_spec is not None else None
                if spec is not None:
                    break
            else:
                return None
            # The loader of an extension module is made for this one spec; patch that object.
            loader = spec.loader
            load = loader.exec_module
            done = []

            def exec_module(module):
                load(module)
                if not done:
                    done.append(True)
                    embed_qt_conf()

            loader.exec_module = exec_module
            return spec

        def invalidate_caches(self):
            pass

    sys.meta_path.insert(0, _AfterQtCore())


_pyi_rthook()
del _pyi_rthook
