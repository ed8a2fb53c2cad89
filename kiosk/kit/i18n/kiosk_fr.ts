<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="fr_FR">
<context>
    <name>MapScreen</name>
    <message numerus="yes">
        <source>%n lieu(x)</source>
        <translation>
            <numerusform>%n lieu</numerusform>
            <numerusform>%n lieux</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lieu(x), tous sur la carte</source>
        <translation>
            <numerusform>%n lieu, placé sur la carte</numerusform>
            <numerusform>%n lieux, tous sur la carte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lieu(x), aucun sur la carte</source>
        <translation>
            <numerusform>%n lieu, pas encore sur la carte</numerusform>
            <numerusform>%n lieux, pas encore sur la carte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message numerus="yes">
        <source>%n visite(s)</source>
        <translation>
            <numerusform>%n visite</numerusform>
            <numerusform>%n visites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WaitScreen</name>
    <message numerus="yes">
        <source>Encore environ %n seconde(s)</source>
        <translation>
            <numerusform>Encore environ %n seconde</numerusform>
            <numerusform>Encore environ %n secondes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Encore environ %n minute(s)</source>
        <translation>
            <numerusform>Encore environ %n minute</numerusform>
            <numerusform>Encore environ %n minutes</numerusform>
        </translation>
    </message>
</context>
</TS>
