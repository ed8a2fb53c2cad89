<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>AlbumCard</name>
    <message>
        <source>Date non précisée</source>
        <translation>Date not given</translation>
    </message>
    <message>
        <source>Réalisation : {}</source>
        <translation>Drawn by {}</translation>
    </message>
    <message>
        <source>Auteur non précisé</source>
        <translation>Artist not given</translation>
    </message>
    <message>
        <source>1 dessin</source>
        <translation>1 drawing</translation>
    </message>
    <message>
        <source>{} dessins</source>
        <translation>{} drawings</translation>
    </message>
    <message>
        <source>Feuilleter le carnet</source>
        <translation>Leaf through the album</translation>
    </message>
</context>
<context>
    <name>AlbumsTab</name>
    <message>
        <source>Publié</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>légende du dessin choisi</source>
        <translation>caption of the chosen drawing</translation>
    </message>
    <message>
        <source>sa légende en anglais (facultatif)</source>
        <translation>its caption in English (optional)</translation>
    </message>
    <message>
        <source>Avant</source>
        <translation>Earlier</translation>
    </message>
    <message>
        <source>Après</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Déplacer vers</source>
        <translation>Move to</translation>
    </message>
    <message>
        <source>Nouveau carnet</source>
        <translation>New album</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Titre anglais</source>
        <translation>English title</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Date en anglais</source>
        <translation>Date in English</translation>
    </message>
    <message>
        <source>Crédit</source>
        <translation>Credit</translation>
    </message>
    <message>
        <source>Crédit en anglais</source>
        <translation>Credit in English</translation>
    </message>
    <message>
        <source>Carnets</source>
        <translation>Albums</translation>
    </message>
    <message>
        <source>Touchez un dessin, puis Avant / Après, ou glissez-le.</source>
        <translation>Touch a drawing, then Earlier / Later, or drag it.</translation>
    </message>
    <message>
        <source>Carnet</source>
        <translation>Album</translation>
    </message>
    <message>
        <source>Touchez d&apos;abord un dessin.</source>
        <translation>Touch a drawing first.</translation>
    </message>
    <message>
        <source>Dessin déplacé dans « {0} ».</source>
        <translation>Drawing moved to “{0}”.</translation>
    </message>
    <message>
        <source>Nouveau carnet {0}</source>
        <translation>New album {0}</translation>
    </message>
    <message>
        <source>Légende</source>
        <translation>Caption</translation>
    </message>
    <message>
        <source>Légende en anglais</source>
        <translation>Caption in English</translation>
    </message>
    <message>
        <source>{0} : {1} ; rien n&apos;a changé.</source>
        <translation>{0}: {1}; nothing was changed.</translation>
    </message>
    <message>
        <source>Ce carnet a été supprimé entre-temps.</source>
        <translation>This album was deleted meanwhile.</translation>
    </message>
    <message>
        <source>Carnet enregistré.</source>
        <translation>Album saved.</translation>
    </message>
</context>
<context>
    <name>AttractOverlay</name>
    <message>
        <source>Touchez l&apos;écran pour découvrir les tiers-lieux de l&apos;Allier</source>
        <translation>Touch the screen to discover the third places of the Allier</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <source>Exporter dans ce dossier</source>
        <translation>Export to this folder</translation>
    </message>
    <message>
        <source>Examiner le lot choisi</source>
        <translation>Examine the chosen bundle</translation>
    </message>
    <message>
        <source>Fusionner</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>Remplacer tout</source>
        <translation>Replace everything</translation>
    </message>
    <message>
        <source>Sauvegarde</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Ouvrez une clé USB puis « Exporter » : tout le contenu (catalogue et médias) part dans un seul fichier. Pour importer, touchez un fichier .tar ou .zip.</source>
        <translation>Open a USB stick, then “Export”: the whole content (catalogue and media) goes into one file. To import, tap a .tar or .zip file.</translation>
    </message>
    <message>
        <source>Ce que le lot changerait</source>
        <translation>What the bundle would change</translation>
    </message>
    <message>
        <source>Ouvrez d&apos;abord le dossier où écrire le lot.</source>
        <translation>First open the folder to write the bundle to.</translation>
    </message>
    <message>
        <source>Lot écrit : {0} ({1}).</source>
        <translation>Bundle written: {0} ({1}).</translation>
    </message>
    <message>
        <source>Touchez d&apos;abord un fichier de lot (.tar ou .zip).</source>
        <translation>First tap a bundle file (.tar or .zip).</translation>
    </message>
    <message>
        <source>Remplacer tout le contenu</source>
        <translation>Replace all the content</translation>
    </message>
    <message>
        <source>Tout le contenu de la borne sera remplacé par celui du lot. Continuer ?</source>
        <translation>All the kiosk&apos;s content will be replaced by the bundle&apos;s. Continue?</translation>
    </message>
    <message>
        <source>Lot appliqué.</source>
        <translation>Bundle applied.</translation>
    </message>
    <message>
        <source>Lot vérifié : rien n&apos;a encore changé. Fusionner ou remplacer ?</source>
        <translation>Bundle checked: nothing has changed yet. Merge or replace?</translation>
    </message>
    <message>
        <source>{0} fichier(s) à copier ({1})</source>
        <translation>{0} file(s) to copy ({1})</translation>
    </message>
</context>
<context>
    <name>ClosedOverlay</name>
    <message>
        <source>À bientôt !</source>
        <translation>See you soon!</translation>
    </message>
    <message>
        <source>La borne se rallume le {0}.</source>
        <translation>The kiosk will be back on {0}.</translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message>
        <source>Vous êtes toujours là ?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <source>Touchez l&apos;écran pour continuer.</source>
        <translation>Touch the screen to continue.</translation>
    </message>
</context>
<context>
    <name>FileBrowser</name>
    <message>
        <source>Remonter</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>Clés et disques</source>
        <translation>Sticks and drives</translation>
    </message>
    <message>
        <source>Dossier personnel</source>
        <translation>Personal folder</translation>
    </message>
    <message>
        <source>Clé USB « {0} »</source>
        <translation>USB stick “{0}”</translation>
    </message>
    <message>
        <source>Choisissez une clé USB, un disque ou un dossier.</source>
        <translation>Choose a USB stick, a drive or a folder.</translation>
    </message>
    <message>
        <source>{0} : lecture impossible ({1}).</source>
        <translation>{0}: cannot be read ({1}).</translation>
    </message>
    <message>
        <source>illisible</source>
        <translation>unreadable</translation>
    </message>
</context>
<context>
    <name>HealthTab</name>
    <message>
        <source>Vérifier</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Ranger et réparer sans risque</source>
        <translation>Tidy up and repair safely</translation>
    </message>
    <message>
        <source>Santé</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>Vérification des fichiers…</source>
        <translation>Checking the files…</translation>
    </message>
    <message>
        <source>Ouvrir dans Médias</source>
        <translation>Open in Media</translation>
    </message>
    <message>
        <source>Tout va bien.</source>
        <translation>All is well.</translation>
    </message>
    <message>
        <source>{0} média(s) vérifié(s) · base {1} · {2} libres sur {3} · {4} erreur(s), {5} avertissement(s)</source>
        <translation>{0} media checked · database {1} · {2} free of {3} · {4} error(s), {5} warning(s)</translation>
    </message>
    <message>
        <source>ENDOMMAGÉE</source>
        <translation>DAMAGED</translation>
    </message>
    <message>
        <source>en bon état</source>
        <translation>in good order</translation>
    </message>
    <message>
        <source>Rien à réparer automatiquement.</source>
        <translation>Nothing to repair automatically.</translation>
    </message>
    <message>
        <source>Réparé. Relancez « Vérifier » pour voir l&apos;état.</source>
        <translation>Repaired. Run “Check” again to see the state.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Les tiers-lieux de l&apos;Allier</source>
        <translation>The third places of the Allier</translation>
    </message>
    <message>
        <source>Bienvenue au Mazier</source>
        <translation>Welcome to Le Mazier</translation>
    </message>
    <message>
        <source>Touchez une vignette pour découvrir les tiers-lieux de l&apos;Allier.</source>
        <translation>Touch a tile to discover the third places (tiers-lieux) of the Allier.</translation>
    </message>
    <message>
        <source>La carte</source>
        <translation>The map</translation>
    </message>
    <message>
        <source>Trouver un tiers-lieu près de chez vous</source>
        <translation>Find a third place near you</translation>
    </message>
    <message>
        <source>Les vidéos</source>
        <translation>The videos</translation>
    </message>
    <message>
        <source>La route des tiers-lieux, 2021</source>
        <translation>The third-places road trip, 2021</translation>
    </message>
    <message>
        <source>Carnets dessinés</source>
        <translation>Graphic notes</translation>
    </message>
    <message>
        <source>Les journées « Faites des tiers-lieux », 2022</source>
        <translation>The “Faites des tiers-lieux” days, 2022</translation>
    </message>
    <message>
        <source>À lire</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>Une borne de Bocage Numérique et de La Péniche d&apos;abord, Fabrique de Territoire « Tiers-lieux structurants de l&apos;Allier »</source>
        <translation>A kiosk by Bocage Numérique and La Péniche d&apos;abord, Fabrique de Territoire “Tiers-lieux structurants de l&apos;Allier”</translation>
    </message>
</context>
<context>
    <name>HoursGrid</name>
    <message>
        <source>Lundi</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>Mardi</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>Mercredi</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>Jeudi</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>Vendredi</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>Samedi</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>Dimanche</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>Toujours ouverte (pas d&apos;horaires)</source>
        <translation>Always open (no hours)</translation>
    </message>
    <message>
        <source>Ouvre à</source>
        <translation>Opens at</translation>
    </message>
    <message>
        <source>Ferme à</source>
        <translation>Closes at</translation>
    </message>
    <message>
        <source>Rouvre à</source>
        <translation>Reopens at</translation>
    </message>
    <message>
        <source>ouvert</source>
        <translation>open</translation>
    </message>
    <message>
        <source>fermé à midi</source>
        <translation>closed at noon</translation>
    </message>
    <message>
        <source>{0} : la journée est trop courte pour fermer à midi ; il faut au moins une heure et demie entre l&apos;ouverture et la fermeture.</source>
        <translation>{0}: the day is too short to close at noon; there must be at least an hour and a half between opening and closing.</translation>
    </message>
    <message>
        <source>Heures d&apos;ouverture, {0} : chaque heure doit venir après la précédente (l&apos;ouverture avant la fermeture).</source>
        <translation>Opening hours, {0}: each time must come after the one before (opening before closing).</translation>
    </message>
    <message>
        <source>Heures d&apos;ouverture : cochez au moins un jour, ou « Toujours ouverte ».</source>
        <translation>Opening hours: tick at least one day, or “Always open”.</translation>
    </message>
</context>
<context>
    <name>ImportPanel</name>
    <message>
        <source>Rôle : automatique</source>
        <translation>Role: automatic</translation>
    </message>
    <message>
        <source>Dessin (carnet)</source>
        <translation>Drawing (album)</translation>
    </message>
    <message>
        <source>Vignette d&apos;un lieu</source>
        <translation>Place video</translation>
    </message>
    <message>
        <source>Film de la route des tiers-lieux</source>
        <translation>Film of the third-places road trip</translation>
    </message>
    <message>
        <source>Photo d&apos;un lieu</source>
        <translation>Photo of a place</translation>
    </message>
    <message>
        <source>Carte</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Sans carnet : les images importées n&apos;apparaîtront nulle part pour les visiteurs tant qu&apos;elles ne sont pas dans un carnet ou sur un lieu.</source>
        <translation>No album: the imported images will appear nowhere for visitors until they are in an album or on a place.</translation>
    </message>
    <message>
        <source>Importer la sélection</source>
        <translation>Import the selection</translation>
    </message>
    <message>
        <source>Importer ce dossier</source>
        <translation>Import this folder</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Branchez une clé USB, ouvrez le dossier, touchez les fichiers puis « Importer ». Avec une souris, vous pouvez aussi glisser des fichiers ici.</source>
        <translation>Plug in a USB stick, open the folder, tap the files, then “Import”. With a mouse you can also drop files here.</translation>
    </message>
    <message>
        <source>Sans carnet</source>
        <translation>No album</translation>
    </message>
    <message>
        <source>Choisissez d&apos;abord des fichiers vidéo ou image.</source>
        <translation>Choose video or image files first.</translation>
    </message>
    <message>
        <source>{0} importé(s), {1} déjà présent(s), {2} refusé(s), {3} ignoré(s).</source>
        <translation>{0} imported, {1} already present, {2} refused, {3} skipped.</translation>
    </message>
    <message>
        <source>{0} importé(s), {1} déjà présent(s), {2} refusé(s).</source>
        <translation>{0} imported, {1} already present, {2} refused.</translation>
    </message>
    <message>
        <source>Import annulé : le fichier en cours n&apos;a pas été gardé.</source>
        <translation>Import cancelled: the file being copied was not kept.</translation>
    </message>
    <message>
        <source>Attention : {0} image(s) importée(s) sans carnet : les visiteurs ne les verront nulle part tant qu&apos;elles ne sont pas dans un carnet ou sur un lieu.</source>
        <translation>Note: {0} image(s) imported without an album: visitors will see them nowhere until they are in an album or on a place.</translation>
    </message>
</context>
<context>
    <name>MapLegend</name>
    <message>
        <source>Lieu avec sa vidéo</source>
        <translation>Place with its video</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Pas encore sur la carte (dans la liste)</source>
        <translation>Not on the map yet (in the list)</translation>
    </message>
</context>
<context>
    <name>MapPicker</name>
    <message>
        <source>Aucune image de carte</source>
        <translation>No map image</translation>
    </message>
</context>
<context>
    <name>MapScreen</name>
    <message>
        <source>pas encore sur la carte</source>
        <translation>not on the map yet</translation>
    </message>
    <message>
        <source>{places}, dont {placed} sur la carte</source>
        <translation>{places}, {placed} of them on the map</translation>
    </message>
    <message>
        <source>Tous les thèmes</source>
        <translation>All themes</translation>
    </message>
    <message>
        <source>Toutes les communes</source>
        <translation>All towns</translation>
    </message>
    <message>
        <source>La carte des tiers-lieux</source>
        <translation>The map of the third places</translation>
    </message>
    <message numerus="yes">
        <source>%n lieu(x)</source>
        <translation>
            <numerusform>%n place</numerusform>
            <numerusform>%n places</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lieu(x), tous sur la carte</source>
        <translation>
            <numerusform>%n place, shown on the map</numerusform>
            <numerusform>%n places, all on the map</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lieu(x), aucun sur la carte</source>
        <translation>
            <numerusform>%n place, not on the map yet</numerusform>
            <numerusform>%n places, none on the map yet</numerusform>
        </translation>
    </message>
    <message>
        <source>Aucun lieu pour ce filtre.</source>
        <translation>No place matches this filter.</translation>
    </message>
    <message>
        <source>Aucun lieu pour le moment.</source>
        <translation>No places yet.</translation>
    </message>
    <message>
        <source>Tout afficher</source>
        <translation>Show all</translation>
    </message>
    <message>
        <source>Aucune carte n&apos;a encore été importée.</source>
        <translation>No map has been imported yet.</translation>
    </message>
    <message>
        <source>Zoomer</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Dézoomer</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Toute la carte</source>
        <translation>Whole map</translation>
    </message>
</context>
<context>
    <name>MapTab</name>
    <message>
        <source>tapez le début du nom d&apos;une commune</source>
        <translation>type the first letters of a town&apos;s name</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Point</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>Erreur</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Retirer le point</source>
        <translation>Remove the point</translation>
    </message>
    <message>
        <source>Enregistrer la carte</source>
        <translation>Save the map</translation>
    </message>
    <message>
        <source>Image de la carte</source>
        <translation>Map image</translation>
    </message>
    <message>
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Crédit</source>
        <translation>Credit</translation>
    </message>
    <message>
        <source>Crédit en anglais</source>
        <translation>Credit in English</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>Points de repère : choisissez une commune, puis touchez sa place sur la carte. Deux communes éloignées suffisent, trois sont plus justes.</source>
        <translation>Reference points: choose a town, then touch where it is on the map. Two towns far apart are enough; three are more accurate.</translation>
    </message>
    <message>
        <source>Enregistrez d&apos;abord la carte, puis placez les communes.</source>
        <translation>Save the map first, then place the towns.</translation>
    </message>
    <message>
        <source>Touchez maintenant l&apos;endroit de « {0} » sur la carte.</source>
        <translation>Now touch where “{0}” is on the map.</translation>
    </message>
    <message>
        <source>Choisissez la commune dans la liste (pour un autre point connu, saisissez ses coordonnées), puis touchez sa place sur la carte.</source>
        <translation>Choose the town from the list (for another known point, enter its coordinates), then touch where it is on the map.</translation>
    </message>
    <message>
        <source>Aucune commune placée : la carte ne place pas encore les lieux.</source>
        <translation>No town placed: the map cannot place the places yet.</translation>
    </message>
    <message>
        <source>Une commune placée : encore une, loin de la première, et la carte placera les lieux d&apos;après leur commune.</source>
        <translation>One town placed: one more, far from the first, and the map will place the places from their town.</translation>
    </message>
    <message>
        <source>{0} communes placées : une commune choisie dans l&apos;onglet Lieux y place l&apos;épingle aussitôt.</source>
        <translation>{0} towns placed: a town chosen in the Places tab puts the pin there at once.</translation>
    </message>
    <message>
        <source>Carte</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>{0:.0f} px</source>
        <translation>{0:.0f} px</translation>
    </message>
    <message>
        <source>{0} : {1} ; rien n&apos;a changé.</source>
        <translation>{0}: {1}; nothing was changed.</translation>
    </message>
    <message>
        <source>Choisissez d&apos;abord la commune, puis touchez sa place sur la carte.</source>
        <translation>Choose the town first, then touch where it is on the map.</translation>
    </message>
    <message>
        <source>« {0} » n&apos;est pas une commune de la liste : choisissez-la dans la liste, ou saisissez ses coordonnées.</source>
        <translation>“{0}” is not a town of the list: choose it from the list, or enter its coordinates.</translation>
    </message>
    <message>
        <source>Point « {0} » ajouté.</source>
        <translation>Point “{0}” added.</translation>
    </message>
    <message>
        <source>Importez d&apos;abord l&apos;image de la carte (onglet Médias).</source>
        <translation>Import the map image first (Media tab).</translation>
    </message>
    <message>
        <source>Carte enregistrée.</source>
        <translation>Map saved.</translation>
    </message>
</context>
<context>
    <name>MediaEditor</name>
    <message>
        <source>Modifier le média</source>
        <translation>Edit the media</translation>
    </message>
    <message>
        <source>Ce titre est encore le nom du fichier : donnez-lui un titre que les visiteurs comprennent.</source>
        <translation>This title is still the file name: give it a title visitors understand.</translation>
    </message>
    <message>
        <source>Vide : les visiteurs anglais lisent le français</source>
        <translation>Empty: English visitors read the French</translation>
    </message>
    <message>
        <source>Par exemple : Julie Siboni</source>
        <translation>For example: Julie Siboni</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Retour à la liste</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Titre en anglais</source>
        <translation>Title in English</translation>
    </message>
    <message>
        <source>Crédit</source>
        <translation>Credit</translation>
    </message>
    <message>
        <source>Crédit en anglais</source>
        <translation>Credit in English</translation>
    </message>
    <message>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Film (de la route ou autre film)</source>
        <translation>Film (the road trip or another film)</translation>
    </message>
    <message>
        <source>Vignette d&apos;un lieu</source>
        <translation>Place video</translation>
    </message>
    <message>
        <source>Autre vidéo (non montrée)</source>
        <translation>Other video (not shown)</translation>
    </message>
    <message>
        <source>Dessin (carnet)</source>
        <translation>Drawing (album)</translation>
    </message>
    <message>
        <source>Photo d&apos;un lieu</source>
        <translation>Photo of a place</translation>
    </message>
    <message>
        <source>Carte</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Autre image</source>
        <translation>Other image</translation>
    </message>
    <message>
        <source>vidéo</source>
        <translation>video</translation>
    </message>
    <message>
        <source>image</source>
        <translation>image</translation>
    </message>
    <message>
        <source>{0}, {1}. Utilisé par : {2}</source>
        <translation>{0}, {1}. Used by: {2}</translation>
    </message>
    <message>
        <source>Média</source>
        <translation>Media</translation>
    </message>
    <message>
        <source>Pas d&apos;aperçu</source>
        <translation>No preview</translation>
    </message>
    <message>
        <source>{0} : {1} ; rien n&apos;a changé.</source>
        <translation>{0}: {1}; nothing was changed.</translation>
    </message>
    <message>
        <source>Enregistré.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>MediaTab</name>
    <message>
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Taille</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Utilisé par</source>
        <translation>Used by</translation>
    </message>
    <message>
        <source>vidéo</source>
        <translation>video</translation>
    </message>
    <message>
        <source>image</source>
        <translation>image</translation>
    </message>
    <message>
        <source>film</source>
        <translation>film</translation>
    </message>
    <message>
        <source>vignette</source>
        <translation>place video</translation>
    </message>
    <message>
        <source>dessin</source>
        <translation>drawing</translation>
    </message>
    <message>
        <source>carte</source>
        <translation>map</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>photo</translation>
    </message>
    <message>
        <source>autre</source>
        <translation>other</translation>
    </message>
    <message>
        <source>autre film</source>
        <translation>other film</translation>
    </message>
    <message>
        <source>à renommer</source>
        <translation>to rename</translation>
    </message>
    <message>
        <source>Chercher un titre, un fichier, un lieu…</source>
        <translation>Search for a title, a file, a place…</translation>
    </message>
    <message>
        <source>Vidéos</source>
        <translation>Videos</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>À renommer</source>
        <translation>To rename</translation>
    </message>
    <message>
        <source>Inutilisés</source>
        <translation>Unused</translation>
    </message>
    <message>
        <source>Modifier</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Choisir comme film</source>
        <translation>Choose as the film</translation>
    </message>
    <message>
        <source>Corbeille</source>
        <translation>Bin</translation>
    </message>
    <message>
        <source>Remplacer par le fichier choisi</source>
        <translation>Replace with the chosen file</translation>
    </message>
    <message>
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Les visiteurs voient « {0} » : {1}. Le retirer quand même ? Il ira dans la Corbeille, d&apos;où « Restaurer » le remet.</source>
        <translation>Visitors see “{0}”: {1}. Remove it anyway? It will go to the Bin, where “Restore” puts it back.</translation>
    </message>
    <message>
        <source>« {0} » est utilisé par : {1}. Le retirer quand même ? Il ira dans la Corbeille.</source>
        <translation>“{0}” is used by: {1}. Remove it anyway? It will go to the Bin.</translation>
    </message>
    <message>
        <source>Retirer « {0} » ? Il ira dans la Corbeille, d&apos;où « Restaurer » le remet.</source>
        <translation>Remove “{0}”? It will go to the Bin, where “Restore” puts it back.</translation>
    </message>
    <message>
        <source>« {0} » est dans la Corbeille.</source>
        <translation>“{0}” is in the Bin.</translation>
    </message>
    <message>
        <source>Tous les médias</source>
        <translation>All media</translation>
    </message>
    <message>
        <source>inutilisé</source>
        <translation>unused</translation>
    </message>
    <message>
        <source>Aucun film : choisissez une vidéo puis « Choisir comme film ».</source>
        <translation>No film: choose a video, then “Choose as the film”.</translation>
    </message>
    <message>
        <source>Le film de la borne : « {0} ».</source>
        <translation>The kiosk’s film: “{0}”.</translation>
    </message>
    <message>
        <source>Titres à renommer : {0}.</source>
        <translation>Titles to rename: {0}.</translation>
    </message>
    <message>
        <source>Autres films : montrés</source>
        <translation>Other films: shown</translation>
    </message>
    <message>
        <source>Autres films : cachés</source>
        <translation>Other films: hidden</translation>
    </message>
    <message>
        <source>Corbeille ({0})</source>
        <translation>Bin ({0})</translation>
    </message>
    <message>
        <source>« {0} » est maintenant le film de la borne.</source>
        <translation>“{0}” is now the kiosk’s film.</translation>
    </message>
    <message>
        <source>Les autres films sont montrés après le film, sur l&apos;écran Vidéos.</source>
        <translation>The other films are shown after the film, on the Videos screen.</translation>
    </message>
    <message>
        <source>Les visiteurs ne voient que le film (les autres films sont cachés).</source>
        <translation>Visitors see the film only (the other films are hidden).</translation>
    </message>
    <message>
        <source>Retirer un média</source>
        <translation>Remove a media item</translation>
    </message>
    <message>
        <source>Choisissez un média dans la liste et un seul fichier dans le navigateur.</source>
        <translation>Choose a media item in the list and a single file in the browser.</translation>
    </message>
    <message>
        <source>« {0} » remplacé.</source>
        <translation>“{0}” replaced.</translation>
    </message>
</context>
<context>
    <name>NetworkTab</name>
    <message>
        <source>Fichier d&apos;état illisible</source>
        <translation>Unreadable state file</translation>
    </message>
    <message>
        <source>En retard : pas de nouvelles</source>
        <translation>Late: no news</translation>
    </message>
    <message>
        <source>En panne : à voir</source>
        <translation>Failing: needs a look</translation>
    </message>
    <message>
        <source>À voir</source>
        <translation>Needs a look</translation>
    </message>
    <message>
        <source>En ordre, publication en attente</source>
        <translation>Fine, a release waiting</translation>
    </message>
    <message>
        <source>En ordre</source>
        <translation>Fine</translation>
    </message>
    <message>
        <source>jamais</source>
        <translation>never</translation>
    </message>
    <message>
        <source>à l&apos;instant</source>
        <translation>just now</translation>
    </message>
    <message>
        <source>il y a {0} min</source>
        <translation>{0} min ago</translation>
    </message>
    <message>
        <source>il y a {0} h</source>
        <translation>{0} h ago</translation>
    </message>
    <message>
        <source>le {0}</source>
        <translation>on {0}</translation>
    </message>
    <message>
        <source>Borne</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Publication appliquée</source>
        <translation>Release applied</translation>
    </message>
    <message>
        <source>En attente</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Dernières nouvelles</source>
        <translation>Last news</translation>
    </message>
    <message>
        <source>État</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Actualiser</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Réseau de bornes</source>
        <translation>Network of kiosks</translation>
    </message>
    <message>
        <source>Lecture de l&apos;état des bornes…</source>
        <translation>Reading the kiosks&apos; state…</translation>
    </message>
    <message>
        <source>L&apos;état du réseau n&apos;a pas pu être lu : {0}</source>
        <translation>The network&apos;s state could not be read: {0}</translation>
    </message>
    <message>
        <source>Cette borne ne fait partie d&apos;aucun réseau de bornes : elle fonctionne seule. Pour créer un réseau ou en rejoindre un, voir le guide du réseau ({0}).</source>
        <translation>This kiosk is not part of a network of kiosks: it works on its own. To create or join a network, see the network guide ({0}).</translation>
    </message>
    <message>
        <source>publie</source>
        <translation>publishes</translation>
    </message>
    <message>
        <source>reçoit</source>
        <translation>receives</translation>
    </message>
    <message>
        <source>Réseau « {0} » : cette borne, « {1} », {2} les publications.</source>
        <translation>Network “{0}”: this kiosk, “{1}”, {2} the releases.</translation>
    </message>
    <message>
        <source>aucune</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Clé de confiance : {0} (à comparer à l&apos;œil avec celle que montre la borne qui publie).</source>
        <translation>Trusted key: {0} (compare it by eye with the one the publishing kiosk shows).</translation>
    </message>
    <message>
        <source>{0} (cette borne)</source>
        <translation>{0} (this kiosk)</translation>
    </message>
    <message>
        <source>publication en attente : {0}</source>
        <translation>release waiting: {0}</translation>
    </message>
    <message>
        <source>Aucune borne n&apos;a encore écrit son état dans le dossier du réseau.</source>
        <translation>No kiosk has written its state in the network folder yet.</translation>
    </message>
</context>
<context>
    <name>NotesScreen</name>
    <message>
        <source>Carnets dessinés</source>
        <translation>Graphic notes</translation>
    </message>
    <message>
        <source>Des notes dessinées en direct pendant les rencontres. Touchez un carnet pour le feuilleter, puis zoomez dans chaque détail.</source>
        <translation>Notes drawn live during the meetings. Touch an album to leaf through it, then zoom into every detail.</translation>
    </message>
    <message>
        <source>Aucun carnet n&apos;est publié pour le moment.</source>
        <translation>No album is published yet.</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <source>Effacer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Entrée</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Majuscule</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Verr. maj</source>
        <translation>Caps lock</translation>
    </message>
    <message>
        <source>espace</source>
        <translation>space</translation>
    </message>
    <message>
        <source>Suivant</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Cacher le clavier</source>
        <translation>Hide the keyboard</translation>
    </message>
</context>
<context>
    <name>PageScreen</name>
    <message>
        <source>Page introuvable</source>
        <translation>Page not found</translation>
    </message>
    <message>
        <source>Cette page n&apos;existe plus.</source>
        <translation>This page no longer exists.</translation>
    </message>
</context>
<context>
    <name>PagesTab</name>
    <message>
        <source>Publiée</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Nouvelle page</source>
        <translation>New page</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Supprimer la page</source>
        <translation>Delete the page</translation>
    </message>
    <message>
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Titre anglais</source>
        <translation>English title</translation>
    </message>
    <message>
        <source>Les visiteurs la voient sur l&apos;accueil : c&apos;est la tuile « {0} ».</source>
        <translation>Visitors see it on the home screen: it is the “{0}” tile.</translation>
    </message>
    <message>
        <source>Elle n&apos;est pas publiée : les visiteurs ne la voient pas.</source>
        <translation>It is not published: visitors do not see it.</translation>
    </message>
    <message>
        <source>Supprimer une page</source>
        <translation>Delete a page</translation>
    </message>
    <message>
        <source>Supprimer la page « {0} » ? {1} Elle ira dans la Corbeille (onglet Médias), d&apos;où elle peut être restaurée.</source>
        <translation>Delete the page “{0}”? {1} It will go to the Bin (Media tab), from where it can be restored.</translation>
    </message>
    <message>
        <source>« {0} » est dans la Corbeille (onglet Médias) : elle peut y être restaurée.</source>
        <translation>“{0}” is in the Bin (Media tab): it can be restored from there.</translation>
    </message>
    <message>
        <source>Texte en anglais</source>
        <translation>Text in English</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>Nouvelle page {0}</source>
        <translation>New page {0}</translation>
    </message>
    <message>
        <source>Texte en français</source>
        <translation>Text in French</translation>
    </message>
    <message>
        <source>{0} : {1} ; rien n&apos;a changé.</source>
        <translation>{0}: {1}; nothing was changed.</translation>
    </message>
    <message>
        <source>Cette page a été supprimée entre-temps.</source>
        <translation>This page was deleted meanwhile.</translation>
    </message>
    <message>
        <source>Page enregistrée.</source>
        <translation>Page saved.</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Code incorrect.</source>
        <translation>Wrong code.</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Borne non configurée</source>
        <translation>Kiosk not set up</translation>
    </message>
    <message>
        <source>Code équipe</source>
        <translation>Staff code</translation>
    </message>
    <message>
        <source>Trop d&apos;essais : réessayez dans {0} s.</source>
        <translation>Too many tries: try again in {0} s.</translation>
    </message>
</context>
<context>
    <name>PlaceForm</name>
    <message>
        <source>fait à partir du nom si vide</source>
        <translation>made from the name if empty</translation>
    </message>
    <message>
        <source>tapez le début du nom : la carte place le lieu</source>
        <translation>type the start of the name: the place is put on the map</translation>
    </message>
    <message>
        <source>mots-clés séparés par des virgules</source>
        <translation>keywords separated by commas</translation>
    </message>
    <message>
        <source>les mêmes en anglais, dans le même ordre</source>
        <translation>the same in English, in the same order</translation>
    </message>
    <message>
        <source>Publié (visible sur la borne)</source>
        <translation>Published (shown on the kiosk)</translation>
    </message>
    <message>
        <source>Texte</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>Site web</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Mots-clés</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <source>Mots-clés en anglais</source>
        <translation>Keywords in English</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Vignette vidéo</source>
        <translation>Place video</translation>
    </message>
    <message>
        <source>Latitude, longitude</source>
        <translation>Latitude, longitude</translation>
    </message>
    <message>
        <source>Identifiant</source>
        <translation>Identifier</translation>
    </message>
    <message>
        <source>Texte en anglais (facultatif)</source>
        <translation>Text in English (optional)</translation>
    </message>
    <message>
        <source>(aucune)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>{0} : ce n&apos;est pas un nombre.</source>
        <translation>{0}: not a number.</translation>
    </message>
    <message>
        <source>{0} : entre {1} et {2}.</source>
        <translation>{0}: between {1} and {2}.</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
</context>
<context>
    <name>PlaceSheet</name>
    <message>
        <source>Précédent</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Suivant</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Voir la vidéo</source>
        <translation>Watch the video</translation>
    </message>
    <message>
        <source>Pas encore de présentation pour ce lieu.</source>
        <translation>No description of this place yet.</translation>
    </message>
    <message>
        <source>Son site web : {site}
Scannez le code avec votre téléphone.</source>
        <translation>Website: {site}
Scan the code with your phone.</translation>
    </message>
    <message>
        <source>Lieu précédent</source>
        <translation>Previous place</translation>
    </message>
    <message>
        <source>Lieu suivant</source>
        <translation>Next place</translation>
    </message>
</context>
<context>
    <name>PlacesTab</name>
    <message>
        <source>Nouveau lieu</source>
        <translation>New place</translation>
    </message>
    <message>
        <source>Sans épingle</source>
        <translation>No pin</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Épingle placée à la main.</source>
        <translation>Pin placed by hand.</translation>
    </message>
    <message>
        <source>Épingle d&apos;après la commune ou les coordonnées.</source>
        <translation>Pin from the town or the coordinates.</translation>
    </message>
    <message>
        <source>Ces coordonnées tombent hors de la carte, ou la carte n&apos;a pas encore deux points de repère (onglet Carte).</source>
        <translation>These coordinates fall outside the map, or the map has fewer than two reference points yet (Map tab).</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Identifiant</source>
        <translation>Identifier</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>Site web</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Texte</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Ce lieu a été supprimé entre-temps ; rien n&apos;a changé.</source>
        <translation>This place was deleted meanwhile; nothing changed.</translation>
    </message>
    <message>
        <source>Supprimer « {0} » ? Il ira dans la Corbeille, d&apos;où il peut être restauré.</source>
        <translation>Delete “{0}”? It goes to the Bin, from where it can be restored.</translation>
    </message>
    <message>
        <source>« {0} » est dans la Corbeille (onglet Médias) : il peut y être restauré.</source>
        <translation>“{0}” is in the Bin (Media tab): it can be restored from there.</translation>
    </message>
    <message>
        <source>Mots-clés</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <source>Texte en anglais (facultatif)</source>
        <translation>English text (optional)</translation>
    </message>
    <message>
        <source>Lieux</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>Choisissez la commune, ou touchez la carte pour placer l&apos;épingle à la main. Deux doigts écartés, ou «&#xa0;+&#xa0;», pour agrandir ; un doigt déplace la carte agrandie.</source>
        <translation>Choose the town, or touch the map to place the pin by hand. Spread two fingers, or “+”, to zoom in; one finger moves the zoomed map.</translation>
    </message>
    <message>
        <source>{0} (masqué)</source>
        <translation>{0} (hidden)</translation>
    </message>
    <message>
        <source>Pas d&apos;épingle sur la carte.</source>
        <translation>No pin on the map.</translation>
    </message>
    <message>
        <source>Le nom est obligatoire.</source>
        <translation>The name is required.</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>Mots-clés en anglais</source>
        <translation>Keywords in English</translation>
    </message>
    <message>
        <source>{0} : {1} ; rien n&apos;a changé.</source>
        <translation>{0}: {1}; nothing was changed.</translation>
    </message>
    <message>
        <source>Enregistré.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Supprimer un lieu</source>
        <translation>Delete a place</translation>
    </message>
</context>
<context>
    <name>PlayerScreen</name>
    <message>
        <source>Vidéo</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Cette vidéo n&apos;a pas pu être lue jusqu&apos;au bout</source>
        <translation>This video could not be played to the end</translation>
    </message>
    <message>
        <source>Le fichier s&apos;arrête avant la fin. Retour dans un instant.</source>
        <translation>The file stops before its end. Going back in a moment.</translation>
    </message>
    <message>
        <source>Cette vidéo ne peut pas être lue</source>
        <translation>This video cannot be played</translation>
    </message>
    <message>
        <source>Le fichier est absent ou abîmé. Retour dans un instant.</source>
        <translation>The file is missing or damaged. Going back in a moment.</translation>
    </message>
    <message>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Voir ce lieu</source>
        <translation>See this place</translation>
    </message>
    <message>
        <source>Sous-titres</source>
        <translation>Subtitles</translation>
    </message>
    <message>
        <source>Vignette suivante</source>
        <translation>Next place video</translation>
    </message>
    <message>
        <source>Reculer de 10 secondes</source>
        <translation>Back 10 seconds</translation>
    </message>
    <message>
        <source>Avancer de 10 secondes</source>
        <translation>Forward 10 seconds</translation>
    </message>
    <message>
        <source>Lecture ou pause</source>
        <translation>Play or pause</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Position dans la vidéo</source>
        <translation>Position in the video</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Travail en cours…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Annulé : rien n&apos;a été modifié.</source>
        <translation>Cancelled: nothing was changed.</translation>
    </message>
    <message>
        <source>Annulation…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <source>Veille sans le son</source>
        <translation>Attract loop muted</translation>
    </message>
    <message>
        <source>Montrer les dessins pendant la veille</source>
        <translation>Show the drawings while idle</translation>
    </message>
    <message>
        <source>Français</source>
        <translation>French</translation>
    </message>
    <message>
        <source>Anglais</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Enregistrer les réglages</source>
        <translation>Save the settings</translation>
    </message>
    <message>
        <source>Changer le code</source>
        <translation>Change the PIN</translation>
    </message>
    <message>
        <source>Retour à la veille après</source>
        <translation>Back to the attract loop after</translation>
    </message>
    <message>
        <source>Défilement des dessins toutes les</source>
        <translation>Drawings advance every</translation>
    </message>
    <message>
        <source>Langue par défaut</source>
        <translation>Default language</translation>
    </message>
    <message>
        <source>Rotation de l&apos;écran</source>
        <translation>Screen rotation</translation>
    </message>
    <message>
        <source>Heures d&apos;ouverture</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>Nouveau code</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <source>Passer le film pendant la veille</source>
        <translation>Play the film in the attract loop</translation>
    </message>
    <message>
        <source>Commencer la veille par le film</source>
        <translation>Start the attract loop with the film</translation>
    </message>
    <message>
        <source>un écran « À bientôt »</source>
        <translation>a “See you soon” screen</translation>
    </message>
    <message>
        <source>l&apos;écran éteint</source>
        <translation>the screen off</translation>
    </message>
    <message>
        <source>S&apos;applique dès la sortie de l&apos;espace équipe.</source>
        <translation>Applies as soon as you leave the staff area.</translation>
    </message>
    <message>
        <source>S&apos;applique au prochain démarrage de la borne.</source>
        <translation>Applies at the next start of the kiosk.</translation>
    </message>
    <message>
        <source>Compte à rebours avant la veille</source>
        <translation>Countdown before the attract loop</translation>
    </message>
    <message>
        <source>Volume des vidéos</source>
        <translation>Video volume</translation>
    </message>
    <message>
        <source>Fin de la session équipe après</source>
        <translation>Staff session ends after</translation>
    </message>
    <message>
        <source>Dessins entre deux passages du film</source>
        <translation>Drawings between two showings of the film</translation>
    </message>
    <message>
        <source>Son du film pendant la veille</source>
        <translation>Film sound in the attract loop</translation>
    </message>
    <message>
        <source>Hors des heures d&apos;ouverture</source>
        <translation>Outside opening hours</translation>
    </message>
    <message>
        <source>Nouveau code (encore)</source>
        <translation>New PIN (again)</translation>
    </message>
    <message>
        <source>Visites</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>Veille</source>
        <translation>Attract loop</translation>
    </message>
    <message>
        <source>Ordre et son : dès la sortie. Film et dessins : au prochain démarrage.</source>
        <translation>Order and sound: as you leave. Film and drawings: at the next start.</translation>
    </message>
    <message>
        <source>Écran et langue</source>
        <translation>Screen and language</translation>
    </message>
    <message>
        <source>Code de l&apos;espace équipe</source>
        <translation>Staff area code</translation>
    </message>
    <message>
        <source>Réglages</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Non enregistré : {0}</source>
        <translation>Not saved: {0}</translation>
    </message>
    <message>
        <source>Réglages enregistrés. La rotation, la langue par défaut et ce que montre la veille changeront au prochain démarrage de la borne.</source>
        <translation>Settings saved. The rotation, the default language and what the attract loop shows will change at the next start of the kiosk.</translation>
    </message>
    <message>
        <source>Réglages enregistrés.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>Les deux codes ne sont pas identiques.</source>
        <translation>The two PINs differ.</translation>
    </message>
    <message>
        <source>Code refusé : {0}</source>
        <translation>PIN refused: {0}</translation>
    </message>
    <message>
        <source>Nouveau code enregistré.</source>
        <translation>New PIN saved.</translation>
    </message>
</context>
<context>
    <name>SlideshowScreen</name>
    <message>
        <source>Carnets dessinés</source>
        <translation>Graphic notes</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Lecture</source>
        <translation>Play</translation>
    </message>
    <message>
        <source>Mettre le défilement en pause</source>
        <translation>Pause the slideshow</translation>
    </message>
    <message>
        <source>Reprendre le défilement</source>
        <translation>Resume the slideshow</translation>
    </message>
    <message>
        <source>Dessin précédent</source>
        <translation>Previous drawing</translation>
    </message>
    <message>
        <source>Dessin suivant</source>
        <translation>Next drawing</translation>
    </message>
    <message>
        <source>Zoomer</source>
        <translation>Enlarge</translation>
    </message>
    <message>
        <source>Fermer le zoom</source>
        <translation>Close zoom</translation>
    </message>
    <message>
        <source>Page entière</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>Dézoomer</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Pincez ou touchez deux fois pour zoomer, glissez pour vous déplacer.</source>
        <translation>Pinch or double-tap to zoom, drag to move around.</translation>
    </message>
    <message>
        <source>Défilement en pause</source>
        <translation>Slideshow paused</translation>
    </message>
    <message>
        <source>Ce carnet n&apos;est pas disponible pour le moment.</source>
        <translation>This album is not available at the moment.</translation>
    </message>
    <message>
        <source>Ce dessin ne peut pas être affiché</source>
        <translation>This drawing cannot be shown</translation>
    </message>
    <message>
        <source>Réalisation : {}</source>
        <translation>Drawn by {}</translation>
    </message>
    <message>
        <source>{current} / {total}</source>
        <translation>{current} / {total}</translation>
    </message>
</context>
<context>
    <name>StaffArea</name>
    <message>
        <source>Médias</source>
        <translation>Media</translation>
    </message>
    <message>
        <source>Lieux</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>Carte</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Carnets</source>
        <translation>Albums</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Réglages</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Statistiques</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>Sauvegarde</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Santé</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>Réseau</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>Retour à la borne</source>
        <translation>Back to the kiosk</translation>
    </message>
    <message>
        <source>Quitter le mode borne</source>
        <translation>Leave kiosk mode</translation>
    </message>
    <message>
        <source>Vos modifications de la dernière session sont gardées : pensez à les enregistrer.</source>
        <translation>Your changes from the last session were kept: remember to save them.</translation>
    </message>
    <message>
        <source>La borne va se fermer pour la maintenance. Continuer ?</source>
        <translation>The kiosk will close for maintenance. Continue?</translation>
    </message>
</context>
<context>
    <name>StaffConfirm</name>
    <message>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Non</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <source>7 derniers jours</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>30 derniers jours</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>12 derniers mois</source>
        <translation>Last 12 months</translation>
    </message>
    <message>
        <source>Rubrique</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>Élément</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Écrire le fichier ici</source>
        <translation>Write the file here</translation>
    </message>
    <message>
        <source>Ouvrez la clé USB (ou un dossier), puis « Écrire le fichier ici ». Le fichier s&apos;ouvre avec un tableur (LibreOffice, Excel).</source>
        <translation>Open the USB stick (or a folder), then “Write the file here”. The file opens in a spreadsheet (LibreOffice, Excel).</translation>
    </message>
    <message>
        <source>Statistiques</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>Carnet</source>
        <translation>Album</translation>
    </message>
    <message>
        <source>Visites par jour</source>
        <translation>Visits per day</translation>
    </message>
    <message>
        <source>Lieux les plus consultés</source>
        <translation>Most viewed places</translation>
    </message>
    <message>
        <source>Exporter en CSV…</source>
        <translation>Export as CSV…</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{visits}, {minutes} en tout, du {start} au {end}.</source>
        <translation>{visits}, {minutes} in all, from {start} to {end}.</translation>
    </message>
    <message numerus="yes">
        <source>%n visite(s)</source>
        <translation>
            <numerusform>%n visit</numerusform>
            <numerusform>%n visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>Écran</source>
        <translation>Screen</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Vidéo</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Visites par semaine</source>
        <translation>Visits per week</translation>
    </message>
    <message>
        <source>Visites par mois</source>
        <translation>Visits per month</translation>
    </message>
    <message>
        <source>Ouvrez d&apos;abord le dossier où écrire le fichier.</source>
        <translation>First open the folder to write the file in.</translation>
    </message>
    <message>
        <source>Écriture impossible dans {0} : {1}</source>
        <translation>Cannot write in {0}: {1}</translation>
    </message>
    <message>
        <source>Fichier écrit : {0} dans {1}</source>
        <translation>File written: {0} in {1}</translation>
    </message>
    <message>
        <source>Langue</source>
        <translation>Language</translation>
    </message>
</context>
<context>
    <name>Stepper</name>
    <message>
        <source>Moins</source>
        <translation>Less</translation>
    </message>
    <message>
        <source>Plus</source>
        <translation>More</translation>
    </message>
</context>
<context>
    <name>TextFields</name>
    <message>
        <source>un mot entre ** et ** s&apos;affiche en gras ; une ligne qui commence par « # » est un titre.</source>
        <translation>a word between ** and ** shows in bold; a line that starts with “#” is a heading.</translation>
    </message>
    <message>
        <source>Aperçu</source>
        <translation>Preview</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Accueil</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Texte plus grand</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <source>Contraste élevé</source>
        <translation>High contrast</translation>
    </message>
</context>
<context>
    <name>TrashView</name>
    <message>
        <source>La corbeille est vide.</source>
        <translation>The Bin is empty.</translation>
    </message>
    <message>
        <source>Restaurer</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Retour à la liste</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <source>Corbeille</source>
        <translation>Bin</translation>
    </message>
    <message>
        <source>Les médias retirés, les lieux et les pages supprimés restent ici. Touchez-en un puis « Restaurer » : il revient là où il était.</source>
        <translation>Removed media and deleted places and pages stay here. Touch one, then “Restore”: it goes back where it was.</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>supprimé le {0}</source>
        <translation>deleted on {0}</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>supprimée le {0}</source>
        <translation>deleted on {0}</translation>
    </message>
    <message>
        <source>Vidéo</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>retirée le {0}</source>
        <translation>removed on {0}</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>fichier introuvable</source>
        <translation>file not found</translation>
    </message>
    <message>
        <source>« {0} » : {1} : {2} ; rien n&apos;a changé.</source>
        <translation>“{0}”: {1}: {2}; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>UnsavedDialog</name>
    <message>
        <source>Modifications non enregistrées</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>« {0} » a des modifications qui ne sont pas enregistrées.</source>
        <translation>“{0}” has changes that are not saved.</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Ne pas enregistrer</source>
        <translation>Don&apos;t save</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <source>Lieu : {0}</source>
        <translation>Place: {0}</translation>
    </message>
    <message>
        <source>La route des tiers-lieux de l&apos;Allier, 2021</source>
        <translation>The third-places road trip in the Allier, 2021</translation>
    </message>
    <message>
        <source>Regarder le film</source>
        <translation>Watch the film</translation>
    </message>
</context>
<context>
    <name>VideosScreen</name>
    <message>
        <source>Les vidéos</source>
        <translation>The videos</translation>
    </message>
    <message>
        <source>Autres films et vidéos des lieux</source>
        <translation>More films and place videos</translation>
    </message>
    <message>
        <source>Les vidéos des lieux</source>
        <translation>Place videos</translation>
    </message>
    <message>
        <source>Aucune vidéo pour le moment.</source>
        <translation>No video yet.</translation>
    </message>
</context>
<context>
    <name>WaitScreen</name>
    <message>
        <source>Préparation de la borne</source>
        <translation>Getting the kiosk ready</translation>
    </message>
    <message>
        <source>Première mise en route : la borne crée son contenu de démonstration.</source>
        <translation>First start: the kiosk is making its demo content.</translation>
    </message>
    <message>
        <source>Carte</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Dessin %1 sur %2</source>
        <translation>Drawing %1 of %2</translation>
    </message>
    <message>
        <source>Vidéo %1 sur %2</source>
        <translation>Video %1 of %2</translation>
    </message>
    <message>
        <source>Enregistrement de la carte</source>
        <translation>Saving the map</translation>
    </message>
    <message>
        <source>Enregistrement des carnets</source>
        <translation>Saving the albums</translation>
    </message>
    <message>
        <source>Enregistrement des vidéos</source>
        <translation>Saving the videos</translation>
    </message>
    <message>
        <source>Enregistrement des lieux</source>
        <translation>Saving the places</translation>
    </message>
    <message>
        <source>Enregistrement des pages</source>
        <translation>Saving the pages</translation>
    </message>
    <message>
        <source>Prêt</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Presque fini</source>
        <translation>Almost done</translation>
    </message>
    <message numerus="yes">
        <source>Encore environ %n seconde(s)</source>
        <translation>
            <numerusform>About %n second left</numerusform>
            <numerusform>About %n seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Encore environ %n minute(s)</source>
        <translation>
            <numerusform>About %n minute left</numerusform>
            <numerusform>About %n minutes left</numerusform>
        </translation>
    </message>
    <message>
        <source>Calcul du temps restant…</source>
        <translation>Working out the time left…</translation>
    </message>
</context>
<context>
    <name>ZoomMap</name>
    <message>
        <source>Agrandir la carte</source>
        <translation>Zoom in on the map</translation>
    </message>
    <message>
        <source>Réduire la carte</source>
        <translation>Zoom out of the map</translation>
    </message>
</context>
</TS>
