"""Every German text the UI shows, in one place (a translation can be added beside it later).

Labels of stored codes (enums in ``storage.records``) live here too: the store keeps stable
English codes, the screen shows German.
"""

from __future__ import annotations

from storage.records import AgreementStatus, AnalysisStatus, CoachingStatus, KprStatus, VisitKind

APP_TITLE = "asskomm"

KPR_STATUS = {
    KprStatus.NONE: "keiner",
    KprStatus.PLANNED: "geplant",
    KprStatus.CONSTITUTED: "konstituiert",
    KprStatus.REACTIVATED: "reaktiviert",
    KprStatus.DORMANT: "ruhend",
}
AGREEMENT_STATUS = {
    AgreementStatus.NONE: "keine",
    AgreementStatus.IN_PREPARATION: "in Vorbereitung",
    AgreementStatus.SIGNED: "unterzeichnet",
}
COACHING_STATUS = {
    CoachingStatus.NONE: "kein Coaching",
    CoachingStatus.REQUESTED: "angefragt",
    CoachingStatus.RUNNING: "läuft",
    CoachingStatus.COMPLETED: "abgeschlossen",
}
ANALYSIS_STATUS = {
    AnalysisStatus.NONE: "keine",
    AnalysisStatus.PLANNED: "geplant",
    AnalysisStatus.RUNNING: "läuft",
    AnalysisStatus.COMPLETED: "abgeschlossen",
}
VISIT_KIND = {
    VisitKind.FIRST_CONSULTATION: "Erstberatung",
    VisitKind.FOLLOW_UP_CONSULTATION: "Folgeberatung",
    VisitKind.WORKSHOP: "Workshop",
    VisitKind.KPR_MEETING: "Sitzung KPR",
    VisitKind.CITIZEN_DIALOGUE: "Bürgerdialog",
    VisitKind.COUNCIL_MEETING: "Stadt-/Gemeinderat",
    VisitKind.COACHING: "Coaching",
    VisitKind.SECURITY_ANALYSIS: "Sicherheitsanalyse",
    VisitKind.PHONE_CALL: "Telefonat/Videokonferenz",
    VisitKind.OTHER: "Sonstiges",
}
SEVERITY = {1: "gering", 2: "mittel", 3: "hoch", 4: "sehr hoch"}
ROLE = {"consultant": "Beratung", "hq": "Zentrale"}
BACKUP_REASON = {
    "taeglich": "täglich",
    "vor-import": "vor Import",
    "vor-wiederherstellung": "vor Wiederherstellung",
    "vor-migration": "vor Aktualisierung",
    "vor-loeschen": "vor Löschen",
    "manuell": "von Hand",
}


def label(mapping: dict, code: str) -> str:
    """German label of a stored code; the code itself if unknown (newer data, older app)."""
    try:
        return mapping[code]
    except KeyError:
        return str(code)


# -- bindings (descriptions show in the footer, the help and the command palette) -------------
KEY_HELP = "Hilfe"
KEY_QUIT = "Beenden"
KEY_PALETTE = "Befehle"
KEY_OVERVIEW = "Übersicht"
KEY_COMMUNES = "Kommunen"
KEY_NEW_VISIT = "Neuer Besuch"
KEY_BACKUPS = "Sicherungen"
KEY_DRAFTS = "Entwürfe"
KEY_BACK = "Zurück"
KEY_OPEN = "Öffnen"
KEY_SEARCH = "Suchen"
KEY_MEMBERS = "Nur Mitglieder"
KEY_OPEN_TASKS = "Nur mit offenen Aufgaben"
KEY_CLEAR = "Filter leeren"
KEY_EDIT_STATUS = "Status bearbeiten"
KEY_ADD_CONTACT = "Kontakt hinzufügen"
KEY_DELETE_CONTACT = "Kontakt löschen"
KEY_TOGGLE_DONE = "Erledigt an/aus"
KEY_SAVE = "Speichern"
KEY_CANCEL = "Abbrechen"
KEY_CLOSE = "Schließen"
KEY_DELETE_VISIT = "Besuch löschen"
KEY_ADD_ITEM = "Eintrag hinzufügen"
KEY_EDIT_ITEM = "Eintrag bearbeiten"
KEY_REMOVE_ITEM = "Eintrag entfernen"
KEY_BACKUP_NOW = "Jetzt sichern"
KEY_RESTORE = "Wiederherstellen"
KEY_DISCARD = "Verwerfen"
KEY_TAB = "Reiter {n}"
KEY_NEXT_TABLE = "Nächste Liste"
# Textual's built-in keys (Screen.BINDINGS), as the help lists them
TEXTUAL_KEYS = {"Focus Next": "Nächstes Feld", "Focus Previous": "Vorheriges Feld",
                "Copy selected text": "Markierten Text kopieren"}

# -- command palette ----------------------------------------------------------------------------
CMD_OVERVIEW = ("Übersicht", "Meine letzten Besuche, fällige Folgeaufgaben, Speicher")
CMD_COMMUNES = ("Kommunen", "Alle 418 Kommunen durchsuchen und filtern")
CMD_NEW_VISIT = ("Neuer Besuch", "Einen Besuch in einer Kommune erfassen")
CMD_BACKUPS = ("Sicherungen", "Sicherungen anzeigen, anlegen und wiederherstellen")
CMD_DRAFTS = ("Entwürfe", "Nicht gespeicherte Formulare wiederherstellen")
CMD_HELP = ("Hilfe", "Alle Tastenkürzel anzeigen")
CMD_THEME = ("Farbschema", "Das Farbschema der Oberfläche wechseln")
CMD_QUIT = ("Beenden", "asskomm beenden")
PALETTE_PLACEHOLDER = "Befehl suchen …"

# -- overview -----------------------------------------------------------------------------------
OVERVIEW_TITLE = "Übersicht"
OVERVIEW_GREETING = "Guten Tag, {name}."
OVERVIEW_RECENT = "Meine letzten Besuche"
OVERVIEW_DUE = "Fällige und überfällige Folgeaufgaben (nächste 14 Tage)"
OVERVIEW_NO_RECENT = "Noch keine eigenen Besuche. Mit Strg+N einen Besuch erfassen."
OVERVIEW_NO_DUE = "Keine fälligen Folgeaufgaben."
FACTS = ("{communes} Kommunen · {members} ASSKomm-Mitglieder · {visits} Besuche · "
         "{open} offene Folgeaufgaben · {consultants} Beratende")
FACTS_STORE = "Speicher: {path} ({size}) · Letzte Sicherung: {backup}"
NO_BACKUP_YET = "noch keine"
OVERDUE = "überfällig"

# -- communes -----------------------------------------------------------------------------------
COMMUNES_TITLE = "Kommunen"
SEARCH_PLACEHOLDER = "Kommune, Kreis oder AGS suchen … (z. B. gorl, schirgis, 14628)"
FILTER_MEMBERS = "Mitglieder (F5)"
FILTER_OPEN = "offene Aufgaben (F6)"
COMMUNES_COUNT = "{shown} von {total} Kommunen"
COL_NAME = "Kommune"
COL_KREIS = "Kreis"
COL_POPULATION = "Einwohner"
COL_ASSKOMM = "ASSKomm"
COL_KPR = "KPR"
COL_LAST_VISIT = "Zuletzt"
COL_OPEN = "Offen"
MODEL_COMMUNE = "Modell"
MEMBER_SINCE = "ab {year}"

# -- dossier ------------------------------------------------------------------------------------
TAB_VISITS = "Besuche"
TAB_FIELDS = "Problemfelder"
TAB_TASKS = "Folgeaufgaben"
TAB_STATUS = "Status & Kontakte"
COL_DATE = "Datum"
COL_KIND = "Art"
COL_CONSULTANTS = "Beratung"
COL_SUMMARY = "Zusammenfassung"
COL_FINDINGS = "Festst."
COL_FIELD = "Problemfeld"
COL_COUNT = "Anzahl"
COL_LAST_SEEN = "Zuletzt"
COL_SEVERITY = "Höchste Schwere"
COL_DUE = "Fällig"
COL_TASK = "Aufgabe"
COL_OWNER = "Verantwortlich"
COL_VISIT_DATE = "Besuch vom"
COL_COMMUNE = "Kommune"
COL_CONTACT_NAME = "Name"
COL_CONTACT_ROLE = "Funktion"
COL_CONTACT_PHONE = "Telefon"
COL_CONTACT_EMAIL = "E-Mail"
DOSSIER_HEAD = "{name} · {kreis} · AGS {ags} · {population} Einwohner"
NOT_MEMBER = "kein ASSKomm-Mitglied"
STATUS_MEMBER = "ASSKomm-Mitglied seit {date}"
STATUS_KPR = "KPR: {status}"
STATUS_AGREEMENT = "Kooperationsvereinbarung: {status}"
STATUS_COACHING = "Coaching: {status}"
STATUS_ANALYSIS = "Sicherheitsanalyse: {status}"
STATUS_NOTES = "Notizen"
NO_CONTACTS = "Noch keine Kontakte. Mit K einen Kontakt hinzufügen."
NO_VISITS = "Noch keine Besuche. Mit N einen Besuch erfassen."
NO_FIELDS = "In den Besuchen wurden noch keine Problemfelder festgestellt."
NO_TASKS = "Keine offenen Folgeaufgaben."
CONFIRM_DELETE_CONTACT = "Kontakt „{name}“ löschen?"
SAVED_STATUS = "Status von {name} gespeichert."
SAVED_CONTACT = "Kontakt gespeichert."
DELETED_CONTACT = "Kontakt gelöscht."
TASK_DONE = "Folgeaufgabe erledigt."
TASK_REOPENED = "Folgeaufgabe wieder offen."

# -- visit form ---------------------------------------------------------------------------------
VISIT_NEW_TITLE = "Neuer Besuch in {name} ({kreis})"
VISIT_EDIT_TITLE = "Besuch in {name} ({kreis})"
FIELD_DATE = "Datum (TT.MM.JJJJ)"
FIELD_KIND = "Art des Besuchs"
FIELD_CONSULTANTS = "Beraterinnen und Berater (Leertaste wählt)"
FIELD_PARTICIPANTS = "Teilnehmende (eine Zeile je Person oder Stelle)"
FIELD_SUMMARY = "Zusammenfassung"
FIELD_NOTES = "Notizen"
FIELD_FINDINGS = "Feststellungen (A hinzufügen · Enter bearbeiten · Entf entfernen)"
FIELD_FOLLOW_UPS = "Folgeaufgaben (A hinzufügen · Enter bearbeiten · Leertaste erledigt · Entf entfernen)"
COL_PLACE = "Ort"
COL_EVIDENCE = "Beleg/Quelle"
COL_DONE = "Erledigt"
YES = "ja"
NO = "nein"
SELECT_PROMPT = "Bitte wählen"
VISIT_SAVED = "Besuch gespeichert."
VISIT_DELETED = "Besuch gelöscht."
CONFIRM_DELETE_VISIT = "Den Besuch vom {date} in {name} wirklich löschen?"
CONFIRM_DELETE_VISIT_HINT = ("Er verschwindet aus allen Listen; als Löschung bleibt er im Verlauf erhalten "
                             "und wird so auch an die Zentrale übertragen.")
UNSAVED_TITLE = "Ungespeicherte Änderungen"
UNSAVED_TEXT = "Dieser Besuch hat Änderungen, die noch nicht gespeichert sind."
UNSAVED_SAVE = "Speichern"
UNSAVED_DISCARD = "Verwerfen"
UNSAVED_CONTINUE = "Weiter bearbeiten"
ERR_DATE = "Bitte ein gültiges Datum eingeben, z. B. 14.03.2026."
ERR_DATE_RANGE = "Das Datum muss zwischen {min} und {max} liegen."
ERR_CONSULTANTS = "Bitte mindestens eine Beraterin oder einen Berater auswählen."
ERR_KIND = "Bitte die Art des Besuchs wählen."
ERR_FORM = "Bitte die markierten Angaben prüfen."
ERR_TOO_LONG = "„{field}“ ist zu lang (höchstens {max} Zeichen)."

# -- item dialogs -------------------------------------------------------------------------------
FINDING_TITLE = "Feststellung"
FINDING_FIELD = "Problemfeld"
FINDING_SEVERITY = "Schwere"
FINDING_PLACE = "Ort"
FINDING_EVIDENCE = "Beleg oder Quelle"
FINDING_NOTE = "Notiz"
ERR_FINDING_FIELD = "Bitte ein Problemfeld wählen."
FOLLOW_UP_TITLE = "Folgeaufgabe"
FOLLOW_UP_TEXT = "Aufgabe"
FOLLOW_UP_OWNER = "Verantwortlich"
FOLLOW_UP_DUE = "Fällig am (TT.MM.JJJJ, leer = ohne Termin)"
FOLLOW_UP_DONE = "erledigt"
ERR_FOLLOW_UP_TEXT = "Bitte die Aufgabe beschreiben."
CONTACT_TITLE = "Kontakt"
CONTACT_NAME = "Name"
CONTACT_ROLE = "Funktion"
CONTACT_PHONE = "Telefon"
CONTACT_EMAIL = "E-Mail"
ERR_CONTACT_NAME = "Bitte einen Namen eingeben."
ERR_EMAIL = "Bitte eine gültige E-Mail-Adresse eingeben (oder das Feld leer lassen)."
STATUS_TITLE = "Status von {name}"
STATUS_MEMBER_SINCE = "ASSKomm-Mitglied seit (TT.MM.JJJJ, leer = kein Mitglied)"
STATUS_MODEL = "Modellkommune"
STATUS_KPR_FIELD = "Kommunaler Präventionsrat (KPR)"
STATUS_KPR_DATE = "KPR-Status seit (TT.MM.JJJJ)"
STATUS_AGREEMENT_FIELD = "Kooperationsvereinbarung"
STATUS_AGREEMENT_DATE = "Datum der Vereinbarung (TT.MM.JJJJ)"
STATUS_COACHING_FIELD = "Coaching"
STATUS_COACHING_NOTE = "Coaching: Notiz (z. B. Coach)"
STATUS_ANALYSIS_FIELD = "Sicherheitsanalyse"
STATUS_ANALYSIS_DATE = "Sicherheitsanalyse: Datum (TT.MM.JJJJ)"
OK = "OK"
CANCEL = "Abbrechen"

# -- pickers and dialogs ------------------------------------------------------------------------
PICK_COMMUNE_TITLE = "Für welche Kommune?"
PICK_COMMUNE_HINT = "Tippen zum Suchen, ↑/↓ wählen, Enter bestätigen, Esc abbrechen"
CONFIRM_YES = "Ja"
CONFIRM_NO = "Nein"
FIRST_START_TITLE = "Willkommen bei asskomm"
FIRST_START_TEXT = ("Dieses Gerät ist noch niemandem zugeordnet. Wer arbeitet hier? "
                    "Name und Kürzel stehen später an jedem Besuch und jeder Änderung.")
FIRST_START_NAME = "Name"
FIRST_START_INITIALS = "Kürzel (1–4 Buchstaben)"
FIRST_START_EMAIL = "E-Mail (optional)"
FIRST_START_ROLE = "Rolle dieses Geräts"
FIRST_START_OK = "Los geht's"
ERR_NAME = "Bitte den Namen eingeben."
ERR_INITIALS = "Das Kürzel besteht aus 1 bis 4 Buchstaben."
WELCOME = "Willkommen, {name}!"
BACKUPS_TITLE = "Sicherungen"
BACKUPS_HINT = "Enter stellt die gewählte Sicherung wieder her · S sichert jetzt · Esc schließt"
COL_BACKUP_DATE = "Angelegt"
COL_BACKUP_REASON = "Anlass"
COL_BACKUP_SIZE = "Größe"
NO_BACKUPS = "Noch keine Sicherungen."
BACKUP_DONE = "Sicherung angelegt: {name}"
CONFIRM_RESTORE = "Den Speicher auf den Stand vom {date} zurücksetzen?"
CONFIRM_RESTORE_HINT = "Der jetzige Stand wird vorher gesichert und kann so zurückgeholt werden."
RESTORED = "Stand vom {date} wiederhergestellt."
DRAFTS_TITLE = "Nicht gespeicherte Entwürfe"
COL_DRAFT = "Entwurf"
COL_DRAFT_SAVED = "Zuletzt gesichert"
DRAFTS_TEXT = ("Diese Formulare wurden nicht gespeichert (z. B. Absturz oder leerer Akku). "
               "Enter öffnet den Entwurf, Entf verwirft ihn, Esc entscheidet später.")
DRAFT_ROW = "{title} · zuletzt {when}"
DRAFT_VISIT_NEW = "Neuer Besuch in {name}"
DRAFT_VISIT_EDIT = "Besuch vom {date} in {name}"
DRAFT_RESTORED = "Entwurf wiederhergestellt – bitte prüfen und speichern."
DRAFT_STALE = ("Der Besuch wurde seit dem Entwurf geändert oder gelöscht; der Entwurf wird als neuer "
               "Stand geöffnet. Beim Speichern bitte prüfen.")
HELP_TITLE = "Hilfe: Tastenkürzel"
HELP_KEY = "Taste"
HELP_INTRO = ("asskomm arbeitet ohne Netz. Alles ist mit der Tastatur erreichbar; Strg+P öffnet die "
              "Befehlsliste. Esc führt zurück.")
HELP_GLOBAL = "Überall"
HELP_SCREEN = "Auf dieser Ansicht"

# -- errors ---------------------------------------------------------------------------------------
ERR_UNEXPECTED = "Unerwarteter Fehler: {error}"
ERR_VALIDATION = "Ungültige Angaben: {detail}"
ERR_STORE_TITLE = "Der Speicher kann nicht geöffnet werden"
ERR_STORE_RESTORE_HINT = "Enter stellt die gewählte Sicherung wieder her, Strg+Q beendet."
ERR_STORE_QUIT_HINT = "Strg+Q beendet asskomm."
QUIT_HINT = "Zum Beenden Strg+Q drücken."
LOADING = "Lade Speicher …"

# -- sync -------------------------------------------------------------------------------------------
KEY_SYNC = "Sync"
KEY_CONFLICTS = "Konflikte"
KEY_EXPORT = "Exportieren"
KEY_IMPORT = "Importieren"
KEY_ROLE = "Rolle wechseln"
KEY_APPLY = "Übernehmen"
KEY_MARK = "Datei wählen"
KEY_TAKE_VERSION = "Version {n} ganz übernehmen"
KEY_CHOOSE_VALUE = "Diesen Wert wählen"
CMD_SYNC = ("Sync", "Exportieren, Importieren, Stand der Zentrale")
CMD_CONFLICTS = ("Konflikte", "Widersprüchliche Versionen ansehen und zusammenführen")
CMD_ROLE = ("Rolle wechseln", "Dieses Gerät als Beratung oder Zentrale führen")
SYNC_TITLE = "Sync"
SYNC_ROLE = "Rolle dieses Geräts: {role}"
SYNC_PENDING = "{n} Änderungen noch nicht von der Zentrale bestätigt (bestätigt bis Nr. {ack}, zuletzt Nr. {seq})."
SYNC_PENDING_NONE = "Alle Änderungen dieses Geräts sind von der Zentrale bestätigt (bis Nr. {ack})."
SYNC_HQ_INFO = "Die Zentrale exportiert immer alles, mit den Bestätigungen für jedes Gerät."
SYNC_LAST_EXPORT = "Letzter Export: {when} · {file} ({records} Datensätze, {scope})"
SYNC_NO_EXPORT = "Noch kein Export."
SYNC_LAST_HQ = "Letzte Datei der Zentrale: erstellt {created}, eingelesen {when} · {file}"
SYNC_NO_HQ = "Noch keine Datei der Zentrale eingelesen."
SYNC_CONFLICTS = "{n} Datensätze mit widersprüchlichen Versionen – F7 öffnet die Konflikte."
SYNC_FOLDER = "Zielordner für den Export"
SYNC_FULL = "alles exportieren (nicht nur Neues)"
SYNC_GZ = "komprimiert (.json.gz)"
SYNC_EXPORTED = "Exportiert: {file} ({records} Datensätze)."
SYNC_DEVICES = "Geräte (Zentrale): zuletzt empfangene Dateien"
COL_DEVICE_CONSULTANT = "Beratung"
COL_DEVICE_LAST = "Letzte Datei"
COL_DEVICE_SEQ = "Stand"
COL_DEVICE_ACK = "bestätigt"
COL_DEVICE_DAYS = "Tage"
SILENT = "⚠ {days} Tage still"
SCOPE_FULL = "vollständig"
SCOPE_INCREMENTAL = "inkrementell"
EXPORTING = "Exportiere … {done} von {total}"
IMPORT_PICK_TITLE = "Dateien zum Einlesen wählen"
IMPORT_PICK_HINT = ("Pfad eintippen oder im Baum wählen: Enter markiert eine Datei, F2 liest die markierten "
                    "Dateien ein, Esc bricht ab.")
IMPORT_PATH = "Datei oder Ordner"
IMPORT_CHOSEN = "Gewählt: {files}"
IMPORT_NONE_CHOSEN = "Noch keine Datei gewählt."
IMPORT_READ = "Einlesen (F2)"
IMPORT_CHECKING = "Prüfe {file} …"
PREVIEW_TITLE = "Vorschau: was sich ändert"
PREVIEW_HINT = "Noch ist nichts geändert. Vor dem Übernehmen wird der Speicher gesichert."
COL_FILE = "Datei"
COL_KIND_OF = "Art"
COL_NEW = "neu"
COL_UPDATED_COUNT = "aktual."
COL_UNCHANGED = "unveränd."
COL_STALE = "veraltet"
COL_CONFLICT = "Konflikte"
PREVIEW_REJECTED = "ABGELEHNT"
PREVIEW_ALREADY = "bereits eingelesen"
PREVIEW_NOTHING = "Keine der Dateien kann übernommen werden."
IMPORT_DONE = "Import abgeschlossen."
ROLE_CONFIRM = "Die Rolle dieses Geräts von „{old}“ auf „{new}“ ändern?"
ROLE_CONFIRM_HINT = ("Die Zentrale exportiert immer alles und bestätigt den Geräten ihre Änderungen. "
                     "Nur ändern, wenn dieses Gerät wirklich die Rolle wechselt.")
ROLE_CHANGED = "Rolle geändert: {role}"

# -- conflicts ------------------------------------------------------------------------------------
CONFLICTS_TITLE = "Konflikte"
CONFLICTS_HINT = ("Diese Datensätze wurden an zwei Stellen unabhängig geändert. Enter öffnet die Versionen "
                  "nebeneinander zum Zusammenführen.")
CONFLICTS_NONE = "Keine Konflikte."
COL_RECORD = "Datensatz"
COL_VERSIONS = "Versionen"
COL_CHANGED_BY = "Geändert von"
RESOLVE_TITLE = "Konflikt lösen: {label}"
RESOLVE_HINT = ("←/→ und ↑/↓ wählen einen Wert, Enter übernimmt ihn für das Feld; 1–{n} übernimmt eine "
                "Version ganz; Strg+S speichert die Zusammenführung.")
RESOLVE_VERSION = "V{n} · {who} · {when}"
RESOLVE_CURRENT = " (angezeigt)"
RESOLVE_DELETED = "GELÖSCHT"
RESOLVE_FIELD = "Feld"
RESOLVE_UNION = "beide zusammen"
RESOLVE_SAVED = "Konflikt gelöst; die Zusammenführung wird mit dem nächsten Export verteilt."
RESOLVE_CONFIRM_DELETE = "Die gewählte Version ist eine Löschung. Den Datensatz endgültig als gelöscht führen?"
CONFLICT_MARK = "⚠ "
CONFLICT_NOTICE = "⚠ Widersprüchliche Versionen – F7 öffnet die Konflikte zum Zusammenführen."
KIND_LABEL = {"commune": "Kommune", "visit": "Besuch", "problem_field": "Problemfeld", "consultant": "Beratende/r",
              "strategy": "Strategie"}
FIELD_LABEL = {
    "date": "Datum", "kind": "Art", "consultants": "Beratung", "participants": "Teilnehmende",
    "summary": "Zusammenfassung", "notes": "Notizen", "findings": "Feststellungen", "follow_ups": "Folgeaufgaben",
    "commune": "Kommune", "name": "Name", "kreis": "Kreis", "population": "Einwohner", "ags": "AGS",
    "member_since": "Mitglied seit", "model_commune": "Modellkommune", "kpr_status": "KPR",
    "kpr_date": "KPR seit", "cooperation_agreement": "Kooperationsvereinbarung",
    "cooperation_agreement_date": "Vereinbarung vom", "coaching": "Coaching", "coaching_note": "Coaching-Notiz",
    "security_analysis": "Sicherheitsanalyse", "security_analysis_date": "Sicherheitsanalyse vom",
    "contacts": "Kontakte", "initials": "Kürzel", "email": "E-Mail", "code": "Code",
    "description": "Beschreibung", "active": "aktiv",
    "period_start": "Zeitraum von", "period_end": "Zeitraum bis", "title": "Titel", "status": "Status",
    "agreed_on": "abgestimmt am", "agreed_with": "abgestimmt mit", "problem_description": "Problembeschreibung",
    "cause_analysis": "Ursachenanalyse", "goals": "Ziele", "measures": "Maßnahmen",
    "implementation_notes": "Umsetzung", "evaluation": "Evaluation", "evaluation_items": "Evaluationsindikatoren",
}

# -- strategy (screen) ------------------------------------------------------------------------------
KEY_STRATEGIES = "Strategien"
KEY_NEW_STRATEGY = "Neue Strategie"
KEY_EXPORT_DOCUMENT = "Dokument exportieren"
KEY_NEXT_TAB = "Nächster Reiter"
KEY_PREV_TAB = "Voriger Reiter"
KEY_TOGGLE_FINDING = "Feststellung übernehmen/entfernen"
STRATEGY_STATUS = {"draft": "Entwurf", "agreed": "abgestimmt", "in_progress": "in Umsetzung",
                   "evaluated": "evaluiert"}
FUNDING = {"rl_kommpraev": "RL KommPräv", "municipal_budget": "kommunaler Haushalt", "third_party": "Dritte",
           "other_public": "andere öffentliche Mittel", "none": "ohne Finanzierung"}
MEASURE_STATE = {"planned": "geplant", "applied": "beantragt", "approved": "bewilligt", "running": "läuft",
                 "done": "abgeschlossen", "dropped": "verworfen"}
STRATEGIES_TITLE = "Strategien von {name}"
STRATEGIES_HINT = "Enter öffnet die Strategie, N legt eine neue an (eine je Zeitraum), Esc schließt."
STRATEGIES_NONE = "Noch keine Strategie. Mit N eine anlegen."
COL_PERIOD = "Zeitraum"
COL_TITLE = "Titel"
COL_STATUS = "Status"
COL_MEASURES = "Maßnahmen"
COL_UPDATED = "Geändert"
NEW_STRATEGY_TITLE = "Neue Präventionsstrategie"
NEW_STRATEGY_START = "Zeitraum von (Jahr)"
NEW_STRATEGY_END = "bis (Jahr)"
NEW_STRATEGY_NAME = "Titel (optional)"
NEW_STRATEGY_HINT = ("Die Problembeschreibung wird mit den Feststellungen der Besuche seit zwei Jahren vor "
                     "Beginn vorbelegt; nicht Passendes lässt sich danach abwählen.")
ERR_YEAR = "Bitte ein Jahr zwischen 2000 und 2100 eingeben."
ERR_PERIOD = "Der Zeitraum darf nicht vor seinem Beginn enden."
STRATEGY_TITLE = "Strategie {name} ({kreis}) {period}"
TAB_PROBLEM = "1 Problem"
TAB_CAUSES = "2 Ursachen"
TAB_GOALS = "3 Ziele"
TAB_MEASURES = "4 Maßnahmen"
TAB_TIMELINE = "5 Zeitplan"
TAB_EVALUATION = "6 Evaluation"
TAB_STRATEGY_STATUS = "Status"
TAB_CHECK = "Beccaria-Check"
TAB_HISTORY = "Verlauf"
FIELD_PROBLEM = "Problembeschreibung"
FIELD_FINDINGS_PICK = "Feststellungen aus den Besuchen (Leertaste: übernehmen ✓ / entfernen)"
FIELD_CAUSES = "Ursachenanalyse (Entstehungsbedingungen)"
FIELD_GOALS = "Ziele und Zielgruppen (A hinzufügen · Enter bearbeiten · Entf entfernen)"
FIELD_MEASURES = "Maßnahmen (A hinzufügen · Enter bearbeiten · Entf entfernen)"
FIELD_TIMELINE = "Zeitplan (aus den Maßnahmen)"
FIELD_IMPLEMENTATION = "Umsetzung: Hinweise"
FIELD_EVALUATION = "Evaluation: Vorgehen"
FIELD_EVALUATION_ITEMS = "Indikatoren, Methode, Zeitpunkt (A hinzufügen · Enter bearbeiten · Entf entfernen)"
FIELD_TITLE = "Titel"
FIELD_STATUS = "Status"
FIELD_AGREED_ON = "abgestimmt am (TT.MM.JJJJ)"
FIELD_AGREED_WITH = "abgestimmt mit (z. B. Stadtrat, KPR)"
COL_INCLUDED = "✓"
COL_GOAL = "Ziel"
COL_TARGET_GROUP = "Zielgruppe"
COL_INDICATOR = "Indikator"
COL_TARGET_VALUE = "Zielwert"
COL_MEASURE = "Maßnahme"
COL_COST = "Kosten"
COL_FUNDING = "Finanzierung"
COL_STATE = "Stand"
COL_METHOD = "Methode"
COL_WHEN = "Zeitpunkt"
COL_HINT = "Hinweis"
COL_CHANGED = "Geänderte Teile"
GOAL_TITLE = "Ziel"
GOAL_NAME = "Ziel"
GOAL_GROUP = "Zielgruppe"
GOAL_INDICATOR = "Indikator"
GOAL_TARGET = "Zielwert"
ERR_GOAL = "Bitte das Ziel beschreiben."
MEASURE_TITLE = "Maßnahme"
MEASURE_NAME = "Titel"
MEASURE_FIELDS = "Problemfelder, die sie aufgreift (Leertaste wählt)"
MEASURE_GOALS = "Ziele, denen sie dient (Leertaste wählt)"
MEASURE_DESCRIPTION = "Beschreibung"
MEASURE_LEAD = "Federführung"
MEASURE_PARTNERS = "Partner"
MEASURE_START = "Beginn (TT.MM.JJJJ)"
MEASURE_END = "Ende (TT.MM.JJJJ)"
MEASURE_COST = "Kosten (EUR, z. B. 12.500,00)"
MEASURE_FUNDING = "Finanzierung"
MEASURE_OWN_SHARE = "Eigenanteil (EUR)"
MEASURE_STATE_FIELD = "Stand"
ERR_MEASURE = "Bitte der Maßnahme einen Titel geben."
ERR_EUR = "Bitte einen Betrag in Euro eingeben, z. B. 12.500,00."
EVAL_TITLE = "Evaluation"
EVAL_INDICATOR = "Indikator"
EVAL_METHOD = "Methode"
EVAL_DUE = "Zeitpunkt (TT.MM.JJJJ)"
ERR_EVAL = "Bitte den Indikator nennen."
CHECK_SUMMARY = "Beccaria-Check: {n} Hinweise · Kosten {cost} · Förderung {grant}"
CHECK_OK = "Keine Hinweise – die Strategie ist in sich stimmig."
CHECK_TOTALS = ("Kosten gesamt: {cost} · davon RL KommPräv: {rl} · Eigenanteil: {own} · "
                "beantragte Förderung: {grant} ({share} % der förderfähigen Kosten)")
STRATEGY_SAVED = "Strategie gespeichert."
STRATEGY_CREATED = "Strategie {period} angelegt."
EXPORT_DOC_TITLE = "Strategie als Dokument exportieren"
EXPORT_DOC_FORMAT = "Format"
EXPORT_DOC_FOLDER = "Zielordner"
EXPORT_DOC_DONE = "Dokument geschrieben: {path}"
FORMAT_MD = "Markdown (.md)"
FORMAT_HTML = "HTML-Seite zum Drucken (.html)"
UNSAVED_STRATEGY = "Diese Strategie hat Änderungen, die noch nicht gespeichert sind."
HISTORY_CHANGED_UNKNOWN = "(frühere Fassung nicht auf diesem Gerät)"
HISTORY_CREATED = "angelegt"
HISTORY_DELETED = "gelöscht"
STRATEGY_FIELD = {
    "title": "Titel", "status": "Status", "agreed_on": "abgestimmt am", "agreed_with": "abgestimmt mit",
    "problem_description": "Problembeschreibung", "findings": "Feststellungen", "cause_analysis": "Ursachenanalyse",
    "goals": "Ziele", "measures": "Maßnahmen", "implementation_notes": "Umsetzung", "evaluation": "Evaluation",
    "evaluation_items": "Evaluationsindikatoren", "deleted": "gelöscht",
}
DRAFT_STRATEGY = "Strategie {name} {period}"

# -- strategy: Beccaria check, document export, CLI (services/beccaria.py, services/documents.py) ------
BEC_MEASURE_NO_FIELD = "Maßnahme „{measure}“ greift kein Problemfeld auf."
BEC_MEASURE_NO_GOAL = "Maßnahme „{measure}“ dient keinem Ziel."
BEC_GOAL_NO_INDICATOR = "Ziel „{goal}“ hat keinen Indikator; die Zielerreichung lässt sich so nicht prüfen."
BEC_GOAL_UNSERVED = "Ziel „{goal}“ wird von keiner Maßnahme verfolgt."
BEC_RL_OWN_SHARE_LOW = ("Maßnahme „{measure}“ (RL KommPräv): Der Eigenanteil von {own} liegt unter 10 % der "
                        "Kosten von {cost}; nötig sind mindestens {minimum}.")
BEC_RL_NO_COST = "Maßnahme „{measure}“ soll über die RL KommPräv gefördert werden, hat aber keine Kostenschätzung."
BEC_OWN_SHARE_OVER_COST = "Maßnahme „{measure}“: Der Eigenanteil von {own} ist höher als die Kosten von {cost}."
BEC_FIELD_NOT_ADDRESSED = ("Problemfeld „{field}“ wurde bei Besuchen festgestellt (zuletzt am {seen}), "
                           "aber keine Maßnahme greift es auf.")
BEC_MEASURE_START_OUTSIDE = "Maßnahme „{measure}“ beginnt am {day}, außerhalb des Zeitraums {period}."
BEC_MEASURE_END_OUTSIDE = "Maßnahme „{measure}“ endet am {day}, außerhalb des Zeitraums {period}."
BEC_MEASURE_END_BEFORE_START = "Maßnahme „{measure}“ endet am {end}, also vor ihrem Beginn am {start}."
BEC_EVALUATION_OUTSIDE = "Evaluation „{indicator}“ ist für den {day} geplant, außerhalb des Zeitraums {period}."
BEC_AGREED_WITHOUT_DATE = "Die Strategie steht auf „{status}“, aber das Datum der Abstimmung fehlt."
DOC_HEADING = "Präventionsstrategie {name} {period}"
DOC_COMMUNE = "Kommune"
DOC_PERIOD = "Zeitraum"
DOC_TITLE = "Titel"
DOC_STATUS_LABEL = "Status"
DOC_AGREED = "abgestimmt am {day}"
DOC_AGREED_WITH = "mit {who}"
DOC_AGREED_PLAIN = "abgestimmt"
DOC_AGREED_NO_DATE = "Datum der Abstimmung fehlt"
DOC_DATE = "Stand"
DOC_AUTHOR = "Bearbeitung"
DOC_EMPTY = "noch nicht ausgefüllt"
DOC_NONE = "—"
DOC_OPEN = "offen"
DOC_SECTION_PROBLEM = "1 Problembeschreibung"
DOC_SECTION_CAUSES = "2 Ursachenanalyse"
DOC_SECTION_GOALS = "3 Ziele und Zielgruppen"
DOC_SECTION_MEASURES = "4 Maßnahmen"
DOC_SECTION_TIMELINE = "5 Umsetzung und Zeitplan"
DOC_SECTION_EVALUATION = "6 Evaluation"
DOC_FINDINGS = "Feststellungen aus den Besuchen"
DOC_NO_FINDINGS = "Keine Feststellungen übernommen."
DOC_COL_FIELD = "Problemfeld"
DOC_COL_SEVERITY = "Schwere"
DOC_COL_PLACE = "Ort"
DOC_COL_EVIDENCE = "Beleg/Quelle"
DOC_COL_VISIT = "Besuch vom"
DOC_COL_NO = "Nr."
DOC_COL_GOAL = "Ziel"
DOC_COL_TARGET_GROUP = "Zielgruppe"
DOC_COL_INDICATOR = "Indikator"
DOC_COL_TARGET_VALUE = "Zielwert"
DOC_COL_SERVED_BY = "Maßnahmen"
DOC_NO_GOALS = "Noch keine Ziele festgelegt."
DOC_NO_MEASURES = "Noch keine Maßnahmen geplant."
DOC_M_FIELDS = "Problemfelder"
DOC_M_GOALS = "Ziele"
DOC_M_LEAD = "Federführung"
DOC_M_PARTNERS = "Partner"
DOC_M_PERIOD = "Zeitraum"
DOC_M_COST = "Kosten (Schätzung)"
DOC_M_FUNDING = "Finanzierung"
DOC_M_OWN_SHARE = "Eigenanteil"
DOC_M_GRANT = "Beantragte Förderung"
DOC_M_STATE = "Stand"
DOC_M_DESCRIPTION = "Beschreibung"
DOC_FINANCE = "Kosten und Finanzierung"
DOC_COL_MEASURE = "Maßnahme"
DOC_COL_COST = "Kosten"
DOC_COL_FUNDING = "Finanzierung"
DOC_COL_OWN_SHARE = "Eigenanteil"
DOC_COL_GRANT = "beantragte Förderung"
DOC_SUM = "Summe"
DOC_DROPPED_NOTE = "Verworfene Maßnahmen sind in der Summe nicht enthalten."
DOC_TOTAL_COST = "Gesamtkosten"
DOC_TOTAL_RL = "davon über RL KommPräv"
DOC_TOTAL_OWN = "Eigenanteil gesamt"
DOC_TOTAL_GRANT = "Beantragte Förderung (RL KommPräv)"
DOC_GRANT_SHARE = "{share} % der Kosten der RL-KommPräv-Maßnahmen"
DOC_TIMELINE = "Zeitplan"
DOC_COL_START = "Beginn"
DOC_COL_END = "Ende"
DOC_COL_LEAD = "Federführung"
DOC_COL_STATE = "Stand"
DOC_CHART = "Zeitleiste"
DOC_IMPLEMENTATION = "Hinweise zur Umsetzung"
DOC_EVALUATION_ITEMS = "Indikatoren und Zeitpunkte"
DOC_COL_METHOD = "Methode"
DOC_COL_DUE = "Zeitpunkt"
DOC_NO_EVALUATION_ITEMS = "Noch keine Indikatoren für die Evaluation festgelegt."
DOC_FOOTER = "Erstellt mit asskomm · Allianz Sichere Sächsische Kommunen"
CLI_STRATEGY_HELP = "Präventionsstrategien einer Kommune"
CLI_STRATEGY_EXPORT_HELP = "eine Strategie als Dokument (Markdown oder HTML) schreiben"
CLI_STRATEGY_EXPORT_DESCRIPTION = (
    "Schreibt die Präventionsstrategie einer Kommune als Dokument mit allen Abschnitten nach den "
    "Beccaria-Standards, Kosten und Finanzierung, Zeitplan und Evaluation. Ändert den Speicher nicht. "
    "Exit-Code 0: geschrieben, 1: Kommune, Strategie oder Speicher nicht gefunden, 2: falscher Aufruf "
    "oder Format nicht verfügbar.")
CLI_AGS_HELP = "Amtlicher Gemeindeschlüssel der Kommune, z. B. 14628270 für Pirna"
CLI_PERIOD_HELP = ("Zeitraum der Strategie, z. B. 2026-2028 oder ein einzelnes Jahr; nötig, wenn die Kommune "
                   "mehrere Strategien hat")
CLI_FORMAT_HELP = ("md (Markdown), html (druckbare Seite) oder docx (nicht verfügbar); Standard: nach der "
                   "Endung von --out, sonst md")
CLI_OUT_HELP = ("Zielordner oder Dateiname; Standard: aktueller Ordner, Dateiname wie "
                "strategie-Pirna-2026-2028.md")
CLI_BAD_PERIOD = "kein gültiger Zeitraum: {value!r} (z. B. 2026-2028 oder 2026)"
CLI_NO_STORE = "Die Speicherdatei {path} gibt es nicht."
CLI_UNKNOWN_AGS = "Keine Kommune mit dem Gemeindeschlüssel {ags} bekannt."
CLI_NO_STRATEGY = "{name} ({ags}) hat noch keine Präventionsstrategie."
CLI_NO_STRATEGY_FOR_PERIOD = "{name} ({ags}) hat keine Strategie für {period}. Vorhanden: {periods}."
CLI_AMBIGUOUS_PERIOD = "{name} ({ags}) hat mehrere Strategien: {periods}. Bitte mit --period eine wählen."
CLI_NO_DOCX = ("Das Format docx ist nicht verfügbar (python-docx gehört nicht zu asskomm). Bitte --format html "
               "verwenden: die HTML-Seite lässt sich im Browser drucken, als PDF speichern oder in Word öffnen.")
CLI_WRITTEN = "Dokument geschrieben: {path}"
