"""Réglages, Statistiques, Sauvegarde, Santé."""

from kiosk.staff.admin_tabs.backup_tab import BackupTab
from kiosk.staff.admin_tabs.health_tab import HealthCard, HealthTab
from kiosk.staff.admin_tabs.settings_tab import SettingsTab
from kiosk.staff.admin_tabs.stats_tab import BarChart, StatsTab

__all__ = ["BackupTab", "BarChart", "HealthCard", "HealthTab", "SettingsTab", "StatsTab"]
