"""Réglages, Statistiques, Sauvegarde, Santé, Réseau."""

from kiosk.staff.admin_tabs.backup_tab import BackupTab
from kiosk.staff.admin_tabs.health_tab import HealthCard, HealthTab
from kiosk.staff.admin_tabs.network_tab import NetworkTab
from kiosk.staff.admin_tabs.settings_tab import SettingsTab
from kiosk.staff.admin_tabs.stats_tab import BarChart, StatsTab

__all__ = [
    "BackupTab",
    "BarChart",
    "HealthCard",
    "HealthTab",
    "NetworkTab",
    "SettingsTab",
    "StatsTab",
]
