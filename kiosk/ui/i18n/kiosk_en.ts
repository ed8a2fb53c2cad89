<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
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
    <name>MapPreviewScreen</name>
    <message>
        <source>La carte des tiers-lieux</source>
        <translation>The map of the third places</translation>
    </message>
    <message>
        <source>Bientôt : zoomer avec deux doigts et ouvrir la fiche de chaque lieu.</source>
        <translation>Coming soon: zoom with two fingers and open each place&apos;s sheet.</translation>
    </message>
    <message>
        <source>commune à préciser</source>
        <translation>town to be confirmed</translation>
    </message>
    <message>
        <source>pas encore sur la carte</source>
        <translation>not on the map yet</translation>
    </message>
    <message>
        <source>Aucune carte n&apos;a encore été importée.</source>
        <translation>No map has been imported yet.</translation>
    </message>
    <message>
        <source>La carte ne peut pas être affichée.</source>
        <translation>The map cannot be shown.</translation>
    </message>
</context>
<context>
    <name>NotesPreviewScreen</name>
    <message>
        <source>Carnets dessinés</source>
        <translation>Graphic notes</translation>
    </message>
    <message>
        <source>Bientôt : feuilleter les dessins d&apos;un geste et zoomer dans chaque détail.</source>
        <translation>Coming soon: leaf through the drawings with a swipe and zoom into every detail.</translation>
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
    <name>PreparingScreen</name>
    <message>
        <source>Préparation de la borne…</source>
        <translation>Getting the kiosk ready…</translation>
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
</context>
<context>
    <name>VideosPreviewScreen</name>
    <message>
        <source>Les vidéos</source>
        <translation>The videos</translation>
    </message>
    <message>
        <source>Bientôt : regarder chaque film en plein écran, d&apos;un simple toucher.</source>
        <translation>Coming soon: watch each film full screen with a single touch.</translation>
    </message>
    <message>
        <source>Aucune vidéo pour le moment.</source>
        <translation>No videos yet.</translation>
    </message>
</context>
</TS>
